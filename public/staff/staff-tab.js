/* The staff tab: signs in through Teams SSO (or, in development, the development token), then
   shows the queue, the person's own handoffs, a handoff's history and the statistics. Data is
   written with textContent only: nothing from a resident is ever parsed as HTML. */
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('lotsen-staff-data').textContent);
  const $ = (id) => document.getElementById(id);
  const OPEN = ['registered', 'notified', 'claimed', 'contacted'];
  const PALETTE = ['#00558c', '#8a1c1c', '#2e6b30', '#6b3fa0', '#8c5a00', '#005f5f', '#b3007d', '#1b1b1b'];
  const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: data.timeZone });
  let getToken = async () => undefined;
  let view = 'queue';
  const charts = [];

  const setStatus = (text) => ($('status').textContent = text);
  const nameOf = (names, id) => names[id] || id;
  const when = (iso) => (iso ? dateTime.format(new Date(iso)) : '');

  /** Inside Teams (an iframe or the mobile webview) the SDK answers; elsewhere it never does. */
  async function teamsSignIn() {
    const microsoftTeams = window.microsoftTeams;
    if (!microsoftTeams || (window.parent === window && !window.nativeInterface)) return false;
    try {
      await Promise.race([microsoftTeams.app.initialize(), new Promise((_resolve, reject) => setTimeout(() => reject(new Error('not in Teams')), 3000))]);
    } catch {
      return false;
    }
    getToken = () => microsoftTeams.authentication.getAuthToken();
    return true;
  }

  async function api(path, post) {
    const headers = { authorization: 'Bearer ' + (await getToken()) };
    if (post) headers['content-type'] = 'application/json';
    const response = await fetch(path, post ? { method: 'POST', headers, body: JSON.stringify(post) } : { headers });
    const body = await response.json();
    if (!response.ok) {
      const error = new Error(body.error ? body.error.message : 'HTTP ' + response.status);
      // A conflict comes with the case as it is now: shown instead of what the person saw.
      error.handoff = body.handoff;
      throw error;
    }
    return body;
  }

  function option(select, value, label) {
    const element = document.createElement('option');
    element.value = value;
    element.textContent = label;
    select.appendChild(element);
  }

  function fillFilters(me) {
    const form = $('filters');
    Object.keys(data.statuses).forEach((status) => option(form.elements.status, status, data.statuses[status]));
    const instances = me.instances === 'all' ? Object.keys(data.instances) : me.instances;
    instances.forEach((id) => option(form.elements.instanceId, id, nameOf(data.instances, id)));
    Object.keys(data.routes).forEach((id) => option(form.elements.routeId, id, nameOf(data.routes, id)));
    form.addEventListener('change', () => void showList());
  }

  function cell(row, label, text, className) {
    const td = document.createElement('td');
    td.dataset.label = label;
    if (className) td.className = className;
    if (text instanceof window.Node) td.appendChild(text);
    else td.textContent = text;
    row.appendChild(td);
  }

  async function showList() {
    const form = $('filters');
    const query = new URLSearchParams();
    ['status', 'instanceId', 'routeId'].forEach((name) => form.elements[name].value && query.set(name, form.elements[name].value));
    if (view === 'mine') query.set('mine', 'true');
    $('list-heading').textContent = view === 'mine' ? 'Mina ärenden' : 'Kö';
    setStatus('Hämtar ärenden…');
    const { handoffs } = await api('/api/staff/handoffs?' + query);
    const shown = form.elements.status.value ? handoffs : handoffs.filter((handoff) => OPEN.includes(handoff.status));
    const body = $('handoffs').tBodies[0];
    body.replaceChildren();
    shown.forEach((handoff) => {
      const row = document.createElement('tr');
      const open = document.createElement('button');
      open.type = 'button';
      open.textContent = handoff.reference;
      open.addEventListener('click', () => showDetails(handoff));
      cell(row, 'Referens', open);
      cell(row, 'Ämne', nameOf(data.routes, handoff.routeId));
      cell(row, 'Instans', nameOf(data.instances, handoff.instanceId));
      cell(row, 'Status', handoff.display.erased ? 'Raderat' : handoff.display.status);
      cell(row, 'Inkom', when(handoff.createdAt));
      const overdue = data.awaitingContact.includes(handoff.status) && new Date(handoff.slaDueAt) < new Date();
      cell(row, 'Senast kontakt', when(handoff.slaDueAt) + (overdue ? ' (försenat)' : ''), overdue ? 'overdue' : '');
      cell(row, 'Tagen av', handoff.claimedBy || '–');
      body.appendChild(row);
    });
    $('empty').hidden = shown.length > 0;
    setStatus(shown.length + ' ärenden visas.');
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  function showDetails(handoff, notice) {
    const display = handoff.display;
    $('details-heading').textContent = display.title;
    $('details-notice').textContent = [notice, display.erased].filter(Boolean).join(' ');
    $('details-notice').hidden = !notice && !display.erased;
    const contact = $('details-contact');
    contact.replaceChildren();
    [{ label: 'Status', text: display.status }, ...display.facts, ...(display.summary ? [{ label: 'Med egna ord', text: display.summary }] : [])].forEach(
      (fact) => {
        const value = element('dd');
        // A phone number or an address is a link: one tap calls or writes.
        value.appendChild(fact.href ? element('a', fact.text, { href: fact.href }) : document.createTextNode(fact.text));
        contact.append(element('dt', fact.label), value);
      },
    );
    showActions(handoff);
    const events = $('details-events');
    events.replaceChildren(...display.history.map((line) => element('li', line.at + ' · ' + line.text)));
    $('details').hidden = false;
    $('details').focus();
  }

  /** The buttons that fit the case now; reroute and close ask their one question first. */
  function showActions(handoff) {
    const area = $('details-actions');
    area.replaceChildren();
    handoff.display.actions.forEach((type) => {
      if (type === 'reroute' || type === 'close') return area.appendChild(actionForm(handoff, type));
      const button = element('button', data.actions[type], { type: 'button' });
      button.addEventListener('click', () => void act(handoff, { type }));
      area.appendChild(button);
    });
  }

  function actionForm(handoff, type) {
    const form = element('form', undefined, { class: 'action' });
    const fieldset = element('fieldset');
    fieldset.appendChild(element('legend', data.actions[type]));
    const select = element('select', undefined, { id: type + '-choice', name: type === 'reroute' ? 'instanceId' : 'outcome', required: '' });
    select.appendChild(element('option', 'Välj…', { value: '' }));
    const choices = type === 'reroute' ? Object.keys(data.instances).filter((id) => id !== handoff.instanceId) : Object.keys(data.outcomes);
    choices.forEach((value) => option(select, value, type === 'reroute' ? nameOf(data.instances, value) : data.outcomes[value]));
    fieldset.append(element('label', type === 'reroute' ? 'Till' : 'Hur slutade det?', { for: select.id }), select);
    if (type === 'reroute')
      fieldset.append(
        element('label', 'Varför (syns för mottagaren)', { for: 'reroute-reason' }),
        element('textarea', undefined, { id: 'reroute-reason', name: 'reason', maxlength: '500', rows: '2' }),
      );
    fieldset.appendChild(element('button', data.actions[type], { type: 'submit' }));
    form.appendChild(fieldset);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = { type };
      chosen[select.name] = select.value;
      if (type === 'reroute' && form.elements.reason.value.trim()) chosen.reason = form.elements.reason.value.trim();
      void act(handoff, chosen);
    });
    return form;
  }

  /** Acts on the case as the card's buttons do; someone faster is named, and the case shown as it is now. */
  async function act(handoff, action) {
    setStatus('Sparar…');
    let outcome;
    try {
      const updated = await api('/api/staff/handoffs/' + handoff.id + '/actions', { ...action, version: handoff.version });
      showDetails(updated);
      outcome = 'Sparat: ' + updated.display.status + '.';
    } catch (error) {
      if (error.handoff) showDetails(error.handoff, error.message);
      outcome = 'Det gick inte: ' + error.message;
    }
    // The list follows; the outcome is what the person is told.
    await showList().catch(() => undefined);
    setStatus(outcome);
  }

  function figure(list, label, value) {
    const box = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = label;
    const amount = document.createElement('dd');
    amount.textContent = value;
    box.append(term, amount);
    list.appendChild(box);
  }

  const hours = (minutes) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);
  const hoursText = (minutes) => (minutes === null ? '–' : hours(minutes) + ' h');

  async function showStatistics() {
    setStatus('Hämtar statistik…');
    const statistics = await api('/api/staff/statistics');
    const figures = $('key-figures');
    figures.replaceChildren();
    figure(figures, 'Ärenden', String(statistics.total));
    figure(figures, 'Mediantid till tagen', hoursText(statistics.medianMinutesToClaim));
    figure(figures, 'Mediantid till kontakt', hoursText(statistics.medianMinutesToContact));
    figure(figures, 'Försenade (SLA)', String(statistics.slaBreaches));
    figure(figures, 'Eskalerade', statistics.total === 0 ? '–' : Math.round(statistics.escalatedShare * 100) + ' %');
    $('no-statistics').hidden = statistics.total > 0;
    perInstanceTable(statistics.perInstance);

    const weeks = [...new Set(statistics.perWeek.map((row) => row.week))];
    const weekLabel = (week) => (statistics.perWeek.find((row) => row.week === week) || {}).label || week;
    const routes = [...new Set(statistics.perWeek.map((row) => row.routeId))];
    const count = (week, route) => statistics.perWeek.filter((row) => row.week === week && row.routeId === route).reduce((sum, row) => sum + row.count, 0);
    weeklyTable(
      weeks.map((week) => [week, weekLabel(week)]),
      routes,
      count,
    );
    charts.splice(0).forEach((chart) => chart.destroy());
    const options = { animation: false, responsive: true, maintainAspectRatio: false };
    charts.push(
      new window.Chart($('weekly-chart'), {
        type: 'bar',
        data: {
          labels: weeks.map(weekLabel),
          datasets: routes.map((route, index) => ({
            label: nameOf(data.routes, route),
            data: weeks.map((week) => count(week, route)),
            backgroundColor: PALETTE[index % PALETTE.length],
          })),
        },
        options: { ...options, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
      }),
      new window.Chart($('times-chart'), {
        type: 'bar',
        data: {
          labels: ['Till tagen', 'Till kontakt'],
          datasets: [
            {
              label: 'Timmar (median)',
              data: [hours(statistics.medianMinutesToClaim), hours(statistics.medianMinutesToContact)],
              backgroundColor: PALETTE.slice(0, 2),
            },
          ],
        },
        options: { ...options, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
      }),
    );
    setStatus('Statistiken är uppdaterad.');
  }

  function weeklyTable(weeks, routes, count) {
    const table = $('weekly-table');
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    ['Vecka', ...routes.map((route) => nameOf(data.routes, route))].forEach((label) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      head.appendChild(th);
    });
    const body = table.createTBody();
    weeks.forEach(([week, label]) => {
      const row = body.insertRow();
      [label, ...routes.map((route) => String(count(week, route)))].forEach((text) => (row.insertCell().textContent = text));
    });
  }

  const percent = (share) => (share === null ? 'inget att mäta än' : Math.round(share * 100) + ' %');

  function perInstanceTable(rows) {
    const table = $('instance-table');
    const caption = table.querySelector('caption');
    table.replaceChildren(...(caption ? [caption] : []));
    const head = table.createTHead().insertRow();
    ['Instans', 'Ärenden', 'Tagna i tid', 'Kontaktade i tid'].forEach((label) => head.appendChild(element('th', label, { scope: 'col' })));
    const body = table.createTBody();
    rows.forEach((row) => {
      const cells = body.insertRow();
      [nameOf(data.instances, row.instanceId), String(row.total), percent(row.claimedInTime), percent(row.contactedInTime)].forEach(
        (text) => (cells.insertCell().textContent = text),
      );
    });
    table.hidden = rows.length === 0;
  }

  async function show(next) {
    view = next;
    document.querySelectorAll('.view').forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.view === view)));
    $('list-view').hidden = view === 'statistics' || view === 'volunteers';
    $('statistics-view').hidden = view !== 'statistics';
    $('volunteers-view').hidden = view !== 'volunteers';
    $('details').hidden = true;
    window.LotsenVolunteers.leave();
    try {
      await (view === 'statistics' ? showStatistics() : view === 'volunteers' ? window.LotsenVolunteers.show() : showList());
    } catch (error) {
      setStatus('Det gick inte att hämta: ' + error.message);
    }
  }

  let started = false;

  async function start() {
    if (started) return;
    try {
      const me = await api('/api/staff/me');
      started = true;
      $('who').textContent = me.name;
      $('outside').hidden = true;
      $('app').hidden = false;
      fillFilters(me);
      // Coordinators (and only they) see the volunteers view.
      window.LotsenVolunteers.start({ api, data, setStatus, dateTime, cell, figure });
      document.querySelectorAll('.view').forEach((button) => button.addEventListener('click', () => void show(button.dataset.view)));
      await show('queue');
    } catch (error) {
      setStatus('Du kunde inte loggas in: ' + error.message);
    }
  }

  async function main() {
    if (await teamsSignIn()) return start();
    // Outside Teams: say what this page is, instead of a broken sign-in.
    $('outside').hidden = false;
    if (!data.developmentLogin) return;
    $('dev-login').hidden = false;
    $('dev-login').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('dev-token').value;
      getToken = async () => token;
      void start();
    });
  }

  void main();
})();
