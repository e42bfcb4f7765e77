<script>
// tests/browser.sh: what Chromium drew, measured (getBBox), as
// a RESULT line of JSON (problems, seen) in a <pre> that --dump-dom prints.
function report(problems, seen) {
  const pre = document.createElement('pre');
  pre.textContent = 'RESULT ' + JSON.stringify({problems, seen});
  document.body.appendChild(pre);
}
function checkSvg(svg, problems) {
  const W = +svg.getAttribute('width'), H = +svg.getAttribute('height');
  const inside = b => b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= W + 0.5 && b.y + b.height <= H + 0.5;
  let texts = 0;
  for (const t of svg.querySelectorAll('text')) {
    texts++;
    if (!inside(t.getBBox())) problems.push('text outside the canvas: ' + t.textContent.trim().slice(0, 60));
  }
  for (const p of svg.querySelectorAll('g.panel')) {
    const b = p.getBBox(), name = p.getAttribute('data-group');
    if (b.x < -0.5 || b.x + b.width > W + 0.5) problems.push('panel wider than the page: ' + name);
    const banded = new Set([...p.querySelectorAll('.band')].map(e => e.getAttribute('data-category')));
    if (banded.size > 1) problems.push('bands of ' + banded.size + ' series in ' + name);
    for (const e of p.querySelectorAll('.band'))
      if (+e.getAttribute('fill-opacity') > 0.2) problems.push('a dark band in ' + name);
    const lines = new Set([...p.querySelectorAll('.line')].map(e => e.getAttribute('data-category')));
    const labels = new Set([...p.querySelectorAll('.end-label')].map(e => e.getAttribute('data-category')));
    if (labels.size) {
      for (const c of lines) if (!labels.has(c)) problems.push('unlabelled line ' + c + ' in ' + name);
    } else if (lines.size > 1) {
      problems.push(lines.size + ' lines without labels in ' + name);
    } else if (lines.size == 1 && !p.querySelector('.panel-title')) {
      problems.push('a panel without a title');
    }
  }
  for (const r of svg.querySelectorAll('g.row'))
    if (!r.querySelector('.label')) problems.push('a bar without a label: ' + r.getAttribute('data-category'));
  return texts;
}
window.addEventListener('load', () => {
  const problems = [];
  let seen = 0;
  const frame = document.getElementById('page');
  if (frame) {
    const doc = frame.contentDocument;
    if (!doc) {
      problems.push('the page could not be read');
    } else {
      if (doc.documentElement.scrollWidth > frame.clientWidth + 1)
        problems.push('the page scrolls sideways: ' + doc.documentElement.scrollWidth + ' px wide at ' + frame.clientWidth);
      for (const svg of doc.querySelectorAll('svg')) seen += checkSvg(svg, problems);
    }
  } else {
    seen = checkSvg(document.querySelector('svg'), problems);
  }
  report(problems, seen);
});
</script>
