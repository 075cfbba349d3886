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

  async function api(path) {
    const response = await fetch(path, { headers: { authorization: 'Bearer ' + (await getToken()) } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + response.status);
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
      cell(row, 'Status', data.statuses[handoff.status] || handoff.status);
      cell(row, 'Inkom', when(handoff.createdAt));
      const overdue = data.awaitingContact.includes(handoff.status) && new Date(handoff.slaDueAt) < new Date();
      cell(row, 'Senast kontakt', when(handoff.slaDueAt) + (overdue ? ' (försenat)' : ''), overdue ? 'overdue' : '');
      cell(row, 'Tagen av', handoff.claimedBy || '–');
      body.appendChild(row);
    });
    $('empty').hidden = shown.length > 0;
    setStatus(shown.length + ' ärenden visas.');
  }

  function showDetails(handoff) {
    $('details-heading').textContent = handoff.reference + ' · ' + nameOf(data.routes, handoff.routeId);
    const contact = $('details-contact');
    contact.replaceChildren();
    const facts = [
      ['Namn', handoff.contact.name || '(raderat)'],
      ['Telefon', handoff.contact.phone],
      ['E-post', handoff.contact.email],
      ['Passar bäst', handoff.contact.preferredTime],
      ['Med egna ord', handoff.summary],
      ['Kanal och språk', handoff.channel + ', ' + handoff.language],
    ];
    facts
      .filter((fact) => fact[1])
      .forEach((fact) => {
        const term = document.createElement('dt');
        term.textContent = fact[0];
        const value = document.createElement('dd');
        value.textContent = fact[1];
        contact.append(term, value);
      });
    const events = $('details-events');
    events.replaceChildren();
    handoff.events.forEach((event) => {
      const item = document.createElement('li');
      item.textContent = when(event.at) + ' · ' + (data.events[event.type] || event.type) + (event.actor ? ' · ' + event.actor : '');
      events.appendChild(item);
    });
    $('details').hidden = false;
    $('details').focus();
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
    figure(figures, 'Eskalerade', Math.round(statistics.escalatedShare * 100) + ' %');

    const weeks = [...new Set(statistics.perWeek.map((row) => row.week))];
    const routes = [...new Set(statistics.perWeek.map((row) => row.routeId))];
    const count = (week, route) => statistics.perWeek.filter((row) => row.week === week && row.routeId === route).reduce((sum, row) => sum + row.count, 0);
    weeklyTable(weeks, routes, count);
    charts.splice(0).forEach((chart) => chart.destroy());
    const options = { animation: false, responsive: true, maintainAspectRatio: false };
    charts.push(
      new window.Chart($('weekly-chart'), {
        type: 'bar',
        data: {
          labels: weeks,
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
    weeks.forEach((week) => {
      const row = body.insertRow();
      [week, ...routes.map((route) => String(count(week, route)))].forEach((text) => (row.insertCell().textContent = text));
    });
  }

  async function show(next) {
    view = next;
    document.querySelectorAll('.view').forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.view === view)));
    $('list-view').hidden = view === 'statistics';
    $('statistics-view').hidden = view !== 'statistics';
    $('details').hidden = true;
    try {
      await (view === 'statistics' ? showStatistics() : showList());
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
