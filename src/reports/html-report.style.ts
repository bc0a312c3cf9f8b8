/** Styles of the HTML report: inline so the file works offline and can be sent by e-mail. */
export const REPORT_STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --card: #fff;
  --good: #2f855a; --warn: #b7791f; --bad: #c53030; --accent: #2b6cb0; --manager: #ebf4ff; --client: #f7fafc; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header.page { background: #1a365d; color: #fff; padding: 24px 32px; }
header.page h1 { margin: 0 0 4px; font-size: 24px; }
header.page p { margin: 0; opacity: .85; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 32px 64px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin-bottom: 24px; }
h2 { margin: 0 0 16px; font-size: 20px; }
h3 { margin: 0 0 8px; font-size: 16px; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.total { background: var(--bg); border-radius: 8px; padding: 12px 16px; }
.total b { display: block; font-size: 26px; }
.total span { color: var(--muted); font-size: 13px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { display: inline-block; height: 8px; border-radius: 4px; background: var(--accent); vertical-align: middle; margin-right: 8px; }
.score { display: inline-block; min-width: 44px; text-align: center; border-radius: 6px; padding: 2px 8px; font-weight: 700; color: #fff; }
.score.good { background: var(--good); } .score.warn { background: var(--warn); } .score.bad { background: var(--bad); } .score.none { background: #9aa5b1; }
.cause { border-top: 1px solid var(--line); padding: 12px 0; }
.cause:first-of-type { border-top: 0; padding-top: 0; }
.cause .meta { color: var(--muted); font-size: 13px; }
.more-managers > summary { cursor: pointer; color: var(--accent); margin: 10px 0; }
.quote { font-style: italic; }
.quote::before { content: "«"; } .quote::after { content: "»"; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
details.call { border: 1px solid var(--line); border-radius: 10px; margin-bottom: 12px; background: var(--card); }
details.call > summary { cursor: pointer; padding: 12px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; list-style: none; }
details.call > summary::-webkit-details-marker { display: none; }
details.call[open] > summary { border-bottom: 1px solid var(--line); }
.call-title { font-weight: 600; }
.call-meta { color: var(--muted); font-size: 13px; }
.tags { display: flex; gap: 6px; flex-wrap: wrap; }
.tag { font-size: 12px; border-radius: 12px; padding: 1px 8px; background: #fed7d7; color: #822727; }
.tag.major { background: #feebc8; color: #7b341e; } .tag.minor { background: #edf2f7; color: #4a5568; }
.call-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; padding: 16px; }
@media (max-width: 900px) { .call-body { grid-template-columns: 1fr; } main { padding: 16px; } }
.dialog { display: flex; flex-direction: column; gap: 6px; max-height: 640px; overflow-y: auto; padding-right: 6px; }
.turn { border-radius: 8px; padding: 6px 10px; max-width: 88%; border: 1px solid transparent; }
.turn.manager { background: var(--manager); align-self: flex-end; }
.turn.client { background: var(--client); border-color: var(--line); align-self: flex-start; }
.turn.unknown { background: #fffaf0; align-self: center; }
.turn.garbage { opacity: .55; }
.turn.overlap { border-left: 3px solid var(--warn); }
.turn.target { outline: 2px solid var(--accent); }
.who { font-size: 12px; color: var(--muted); }
.who button, .evidence button { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; font: inherit; }
mark { background: #fefcbf; padding: 0 1px; border-radius: 2px; }
mark.finding { background: #fed7d7; }
.verdicts ul { list-style: none; margin: 0 0 16px; padding: 0; }
.verdicts li { padding: 6px 0; border-bottom: 1px dashed var(--line); }
.verdicts li:last-child { border-bottom: 0; }
.result { font-weight: 700; margin-right: 6px; }
.result.passed { color: var(--good); } .result.failed { color: var(--bad); } .result.not_applicable { color: var(--muted); }
.finding .recommendation { background: #f0fff4; border-left: 3px solid var(--good); padding: 4px 8px; margin-top: 4px; }
.evidence { font-size: 13px; color: var(--muted); }
.metrics { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; font-size: 13px; }
.warning { background: #fffaf0; border: 1px solid #fbd38d; border-radius: 6px; padding: 6px 10px; margin-bottom: 8px; font-size: 13px; }
audio { width: 100%; margin-bottom: 8px; }
.filter { margin-bottom: 12px; display: flex; gap: 8px; flex-wrap: wrap; }
.filter input, .filter select { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; }
.empty { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; padding-bottom: 24px; }
@media print { details.call { break-inside: avoid; } .filter, audio { display: none; } }
`;

/**
 * Behaviour of the report page: a time link plays the recording from that moment, an evidence link
 * opens its call and scrolls to the turn, and the filter hides calls that do not match.
 */
export const REPORT_SCRIPT = `
document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-seek], [data-turn]');
  if (!target) return;
  const call = document.getElementById(target.dataset.call);
  if (!call) return;
  call.open = true;
  if (target.dataset.turn !== undefined) {
    const turn = call.querySelector('[data-index="' + target.dataset.turn + '"]');
    if (turn) {
      call.querySelectorAll('.turn.target').forEach((node) => node.classList.remove('target'));
      turn.classList.add('target');
      turn.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  }
  const audio = call.querySelector('audio');
  if (audio && target.dataset.seek !== undefined) {
    audio.currentTime = Number(target.dataset.seek);
    audio.play().catch(() => {});
  }
  event.preventDefault();
});
const search = document.getElementById('call-filter');
const manager = document.getElementById('manager-filter');
function applyFilter() {
  const text = (search.value || '').toLowerCase().replaceAll('ё', 'е');
  const name = manager.value;
  document.querySelectorAll('details.call').forEach((call) => {
    const matchesText = !text || call.textContent.toLowerCase().replaceAll('ё', 'е').includes(text);
    const matchesManager = !name || call.dataset.manager === name;
    call.hidden = !(matchesText && matchesManager);
  });
}
if (search && manager) { search.addEventListener('input', applyFilter); manager.addEventListener('change', applyFilter); }
`;
