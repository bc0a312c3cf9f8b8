import { z } from 'zod';

// Validation messages reach users (config files, sidecars, API input), so zod speaks Russian
// process-wide. Importing `z` from here guarantees the locale is set before the first parse.
z.config(z.locales.ru());

export { z };
