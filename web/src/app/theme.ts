import { createTheme } from '@mantine/core';
import type { MantineColorsTuple } from '@mantine/core';

const brand: MantineColorsTuple = ['#e7f3ff', '#d0e3ff', '#a0c4fb', '#6ca3f7', '#4187f3', '#2676f1', '#136df2', '#005cd8', '#0051c2', '#0046ac'];

export const theme = createTheme({
  primaryColor: 'brand',
  colors: { brand },
  fontFamily: "'Inter Variable', system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
  headings: { fontFamily: "'Inter Variable', system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    // Capitals make Cyrillic labels long and shouty; badges keep sentence case.
    Badge: { styles: { label: { textTransform: 'none', letterSpacing: 0 } } },
  },
});
