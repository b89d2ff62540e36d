// Medic's page: reads the agent's API every 2 s; approve and deny send the token kept in sessionStorage.
'use strict';

const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem('medic.token') || ''; }
function approver() { return sessionStorage.getItem('medic.approver') || ''; }

function headers() {
  const h = { 'Accept': 'application/json' };
  if (token()) { h['Authorization'] = 'Bearer ' + token(); }
  return h;
}

async function get(path) {
  const r = await fetch(path, { headers: headers(), cache: 'no-store' });
  const body = await r.json();
  if (!r.ok) { throw new Error(body.error || r.statusText); }
  return body;
}

function say(text, isError) {
  const m = $('message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) { e.textContent = text; }
  if (cls) { e.className = cls; }
  return e;
}

function when(ms) { return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'); }

async function decide(id, verb) {
  const reason = $('reason-' + id).value;
  if (!token()) { say('enter the API token first', true); return; }
  if (!approver()) { say('enter your name first', true); return; }
  const h = headers();
  h['Content-Type'] = 'application/json';
  try {
    const r = await fetch('/approvals/' + encodeURIComponent(id) + '/' + verb,
      { method: 'POST', headers: h, body: JSON.stringify({ approver: approver(), reason: reason }) });
    const body = await r.json();
    if (!r.ok) { say(verb + ' ' + id + ': ' + body.error, true); return; }
    say(verb === 'approve' ? (body.result === 'run' ? 'approved ' + id + ': handed to the executor'
      : 'approved ' + id + ' but stopped by gate ' + body.gate + ': ' + body.reason) : 'denied ' + id);
  } catch (e) {
    say(verb + ' failed: ' + e.message, true);
  }
  refresh();
}

let shown = null; // the ids on screen: rows are rebuilt only when they change, so typing a reason survives refreshes

function showApprovals(list) {
  const ids = list.map((a) => a.id).join(',');
  if (ids === shown) { return; }
  shown = ids;
  const body = $('approvals').tBodies[0];
  body.replaceChildren();
  $('no-approvals').style.display = list.length ? 'none' : '';
  for (const a of list) {
    const tr = el('tr');
    tr.dataset.id = a.id;
    tr.append(el('td', a.id), el('td', a.action + ' ' + JSON.stringify(a.params)),
      el('td', a.comm + ' (pid ' + a.pid + ')'), el('td', a.incident), el('td', when(a.expiresAt)));
    const reason = el('input');
    reason.id = 'reason-' + a.id;
    reason.placeholder = 'reason';
    const cell = el('td');
    cell.append(reason);
    const ok = el('button', 'Approve', 'approve');
    ok.id = 'approve-' + a.id;
    ok.addEventListener('click', () => decide(a.id, 'approve'));
    const no = el('button', 'Deny', 'deny');
    no.id = 'deny-' + a.id;
    no.addEventListener('click', () => decide(a.id, 'deny'));
    const buttons = el('td');
    buttons.append(ok, ' ', no);
    tr.append(cell, buttons);
    body.append(tr);
  }
}

async function showIncident(id) {
  const d = $('detail');
  try {
    const i = await get('/incidents/' + encodeURIComponent(id));
    d.replaceChildren(el('h3', i.incident), el('p', i.summary),
      el('p', 'because ' + (i.plan.reasons || []).join('; ')));
    const dl = el('ul');
    for (const x of i.decisions) { dl.append(el('li', x.action + ': ' + x.verdict + ' (' + x.gate + ') ' + x.reason)); }
    for (const x of i.actions) { dl.append(el('li', x.action + ' ' + x.status + ': ' + x.detail)); }
    d.append(el('h4', 'Decisions and outcomes'), dl, el('h4', 'Evidence'));
    const ev = el('ul');
    ev.id = 'evidence';
    for (const f of i.evidence) { ev.append(el('li', f)); }
    if (!i.evidence.length) { ev.append(el('li', 'none yet')); }
    d.append(ev);
    d.style.display = 'block';
  } catch (e) {
    say('incident ' + id + ': ' + e.message, true);
  }
}

function showIncidents(list) {
  const ul = $('incidents');
  ul.replaceChildren();
  for (const i of list.filter((x) => x.open)) {
    const li = el('li');
    li.dataset.id = i.incident;
    li.append(el('span', i.severity, 'sev-' + i.severity), ' ', el('span', when(i.ts) + ' ' + i.summary));
    li.addEventListener('click', () => showIncident(i.incident));
    ul.append(li);
  }
  if (!ul.children.length) { ul.append(el('li', 'No open incidents.', 'closed')); }
}

async function refresh() {
  try {
    const s = await get('/status');
    $('status').textContent = s.mode + (s.approved ? ' (approved host)' : '') + ' · ' + s.sweeps + ' sweeps · '
      + s.runbooks.length + ' runbooks · ' + s.pendingApprovals + ' pending';
    showApprovals((await get('/approvals')).approvals);
    showIncidents((await get('/incidents')).incidents);
    const j = await get('/journal?tail=30');
    $('journal').textContent = j.events.map((e) => JSON.stringify(e)).join('\n');
  } catch (e) {
    $('status').textContent = 'agent not answering: ' + e.message;
  }
}

$('token').value = token();
$('approver').value = approver();
$('save').addEventListener('click', () => {
  sessionStorage.setItem('medic.token', $('token').value.trim());
  sessionStorage.setItem('medic.approver', $('approver').value.trim());
  say('kept for this tab');
});
refresh();
setInterval(refresh, 2000);
