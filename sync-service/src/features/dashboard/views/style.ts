// The dashboard's stylesheet, served as a file (the page's CSP allows no inline styles). State
// colours come from the shared palette, as in the add-in and the reports.
import { HEADER_FILL, STATE_FILL, TALLY_ORDER } from '@cluster/shared';

const stateRules = TALLY_ORDER.map((s) => `.state-${s}{background:${STATE_FILL[s]}}`).join('\n');

export const DASHBOARD_CSS = `
*{box-sizing:border-box}
html{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:#1f2937;background:#f3f5f9}
body{margin:0}
a{color:#1a56b0}
.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.6rem 1.5rem;background:#24364f;color:#fff}
.top a.brand{color:#fff;text-decoration:none;font-weight:600;font-size:1.05rem}
.who{display:flex;align-items:center;gap:1rem;font-size:.9rem}
.who form{margin:0}
button.link{background:none;border:1px solid #8fa3bf;color:#fff;padding:.2rem .7rem;border-radius:4px;cursor:pointer;font:inherit}
main{max-width:1500px;margin:0 auto;padding:1rem 1.5rem 2rem}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:0 0 .7rem}
.card{background:#fff;border:1px solid #dde3ec;border-radius:8px;padding:1rem 1.2rem;margin-bottom:1.2rem}
.card.narrow{max-width:34rem;margin:3rem auto}
.head-row{display:flex;align-items:baseline;justify-content:space-between;flex-wrap:wrap;gap:1rem}
.button,button[type=submit]:not(.link){display:inline-block;background:#1a56b0;color:#fff;border:0;border-radius:5px;padding:.45rem .9rem;font:inherit;text-decoration:none;cursor:pointer}
.button:hover,button[type=submit]:not(.link):hover{background:#154690}
form.stack{display:flex;flex-direction:column;gap:.5rem;max-width:24rem}
input,select{font:inherit;padding:.35rem .5rem;border:1px solid #b9c3d1;border-radius:4px;background:#fff}
.error{color:#a61b1b;background:#fdecec;border:1px solid #f3c2c2;border-radius:4px;padding:.5rem .7rem}
.hint,.muted{color:#6b7280}
.small{font-size:.85rem}
code{background:#eef1f6;padding:0 .25rem;border-radius:3px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e5e9f0;padding:.4rem .5rem;text-align:left;vertical-align:top}
thead th{background:${HEADER_FILL};font-weight:600;font-size:.85rem;position:sticky;top:0}
tfoot th,tfoot td{font-weight:600;border-top:2px solid #c5cfdd}
td.num{text-align:right;white-space:nowrap}
th.num{text-align:right}
td.hot,.hot{color:#a61b1b;font-weight:600}
td.date{white-space:nowrap}
.clusters td:first-child{min-width:15rem}
.clusters .name{font-weight:500}
td.hot a{color:inherit}
.barcol{width:180px;min-width:120px}
svg.bar{display:block;width:100%;height:14px;border-radius:3px;background:#f1f3f7}
.links{white-space:nowrap;font-size:.9rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.1rem;list-style:none;padding:0;margin:.6rem 0 0;font-size:.85rem;color:#4b5563}
.legend svg{width:.8rem;height:.8rem;vertical-align:-.1rem;margin-right:.3rem}
.filters{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.6rem 1rem;margin-bottom:.8rem}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:#4b5563;gap:.2rem}
.filters .reset{align-self:center}
.count{margin:.3rem 0 .6rem}
.overdue td{font-size:.9rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:10px;border:1px solid #d5dbe5}
.facts th{width:14rem;color:#4b5563;font-weight:500}
.crumbs{margin:.2rem 0 .8rem}
.history td{font-size:.92rem}
.history th:first-child{width:11rem}
.history th:nth-child(2){width:18rem}
.overdue .small{min-width:12rem}
.badge.stale{background:#fde2e1;border-color:#e06666;color:#8a1c1c;white-space:nowrap}
.fresh{white-space:nowrap}
.history ul{margin:0;padding-left:1.1rem}
${stateRules}
.ok{color:#1d6b2f;background:#e8f5ea;border:1px solid #b9dfc0;border-radius:4px;padding:.5rem .7rem}
.kid-red{background:#F4CCCC}.kid-yellow{background:#FFF2CC}.kid-green{background:#D9EAD3}
.rule{max-width:70rem}
h3{font-size:1rem;margin:1rem 0 .5rem}
svg.spark{display:block;width:120px;height:28px;background:#f7f9fc;border-radius:3px}
.delta{color:#6b7280;font-size:.85rem}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.8rem 0}
.tabs{display:flex;flex-wrap:wrap;gap:.3rem;margin:0 0 .8rem;padding:0;list-style:none}
.tabs a{display:inline-block;padding:.25rem .7rem;border:1px solid #c5cfdd;border-radius:14px;text-decoration:none;font-size:.9rem}
.tabs a[aria-current]{background:#1a56b0;color:#fff;border-color:#1a56b0}
@media (max-width:700px){
  .top{padding:.5rem .8rem;flex-wrap:wrap}
  main{padding:.6rem .6rem 1.5rem}
  .card{padding:.8rem .7rem}
  .who{flex-wrap:wrap;gap:.4rem}
  .filters label,.filters input,.filters select{width:100%}
  table.stack thead{display:none}
  table.stack,table.stack tbody,table.stack tfoot,table.stack tr{display:block;width:100%}
  table.stack tr{border:1px solid #e5e9f0;border-radius:6px;margin:0 0 .6rem;padding:.3rem .5rem}
  table.stack td,table.stack th{display:flex;justify-content:space-between;gap:.8rem;border:0;padding:.2rem 0;text-align:right;overflow-wrap:anywhere}
  table.stack td::before{content:attr(data-label);color:#4b5563;font-size:.85rem;text-align:left;flex:0 0 40%}
  table.stack td:first-child{font-weight:600;text-align:left}
  .barcol{width:auto;min-width:0}
  svg.bar{width:50%}
}
@media print{.top,.filters,.actions,.links{display:none}body,html{background:#fff}.card{border:0;padding:0}}
`;

/** The tab icon: three bars in the state colours. */
export const DASHBOARD_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
<rect width="16" height="16" rx="3" fill="#24364f"/>
<rect x="3" y="9" width="2.5" height="4" fill="${STATE_FILL.done}"/>
<rect x="6.75" y="5" width="2.5" height="8" fill="${STATE_FILL.due_soon}"/>
<rect x="10.5" y="3" width="2.5" height="10" fill="${STATE_FILL.overdue}"/>
</svg>`;
