/* The staff tab's volunteers view, for the volunteer coordinators: create a need, call volunteers
   out (three times the places by default), follow their answers while the page is open, cancel.
   Everything from the API is written with textContent only. */
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const STATUS = { open: 'Öppet', filled: 'Fyllt', cancelled: 'Inställt' };
  const ANSWER = { asked: 'Inget svar än', accepted: 'Ja', declined: 'Nej', filled: 'Fyllt innan svar', cancelled: 'Inställt' };
  const DELIVERY = { pending: 'På väg', delivered: 'Framme', failed: 'Nådde inte fram' };
  const REACH = { app: 'Appen', sms: 'SMS', email: 'E-post' };
  /** How often an open need's answers are fetched again while it is shown. */
  const FOLLOW_MS = 5000;
  let deps;
  let shownNeed;
  let following;

  const names = (list) => Object.fromEntries(list.map((item) => [item.id, item.label]));

  /** A table row of [label, content] cells, written as the queue writes its rows. */
  function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach(([label, content]) => deps.cell(tr, label, content));
    return tr;
  }

  function answersOf(need) {
    const asked = Object.values(need.answers).reduce((sum, count) => sum + count, 0);
    return need.answers.accepted + ' ja av ' + need.count + ' behövda; ' + asked + ' tillfrågade, ' + need.answers.declined + ' nej';
  }

  function fillForm() {
    const { volunteers } = deps.data;
    const form = $('need-form');
    volunteers.areas.forEach((area) => {
      const option = document.createElement('option');
      option.value = area.id;
      option.textContent = area.label;
      form.elements.area.appendChild(option);
    });
    volunteers.skills.forEach((skill) => {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'skills';
      box.value = skill.id;
      label.append(box, ' ' + skill.label);
      $('need-skills').appendChild(label);
    });
    $('per-week').textContent = String(volunteers.maxCallOutsPerWeek);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void create(form);
    });
    $('call-out-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void callOut(Number($('call-out-form').elements.count.value));
    });
    $('cancel-need').addEventListener('click', () => void cancel());
  }

  async function create(form) {
    const skills = [...form.querySelectorAll('input[name=skills]:checked')].map((box) => box.value);
    const need = {
      title: form.elements.title.value,
      area: form.elements.area.value,
      skills,
      count: Number(form.elements.count.value),
      startsAt: new Date(form.elements.startsAt.value).toISOString(),
      crisis: form.elements.crisis.checked,
    };
    if (form.elements.description.value.trim()) need.description = form.elements.description.value;
    try {
      const created = await deps.api('/api/staff/volunteer-needs', need);
      form.reset();
      $('new-need').open = false;
      await list();
      await showNeed(created.id);
      deps.setStatus('Behovet är skapat. Skicka frågan när du vill.');
    } catch (error) {
      deps.setStatus('Behovet kunde inte skapas: ' + error.message);
    }
  }

  async function showStatistics() {
    const statistics = await deps.api('/api/staff/volunteer-statistics');
    const figures = $('volunteer-figures');
    figures.replaceChildren();
    deps.figure(figures, 'Aktiva volontärer', String(statistics.volunteers.active));
    deps.figure(figures, 'Pausade', String(statistics.volunteers.paused));
    deps.figure(figures, 'Fyllda behov', String(statistics.needs.filled));
    deps.figure(
      figures,
      'Mediantid till fyllt',
      statistics.needs.medianHoursToFill === null ? 'Inget fyllt än' : statistics.needs.medianHoursToFill + ' timmar',
    );
    const spread = $('volunteer-spread');
    const { areas, skills } = deps.data.volunteers;
    const rows = [
      ...areas.map((area) => ['Plats', area.label, statistics.volunteers.byArea[area.id] || 0]),
      ...skills.map((skill) => ['Förmåga', skill.label, statistics.volunteers.bySkill[skill.id] || 0]),
    ];
    const head = document.createElement('thead');
    head.appendChild(document.createElement('tr'));
    ['Sort', 'Namn', 'Aktiva'].forEach((text) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.firstChild.appendChild(th);
    });
    const body = document.createElement('tbody');
    body.replaceChildren(
      ...rows.map(([kind, name, count]) =>
        row([
          ['Sort', kind],
          ['Namn', name],
          ['Aktiva', String(count)],
        ]),
      ),
    );
    spread.replaceChildren(spread.querySelector('caption'), head, body);
  }

  async function list() {
    await showStatistics();
    const { needs } = await deps.api('/api/staff/volunteer-needs');
    const areas = names(deps.data.volunteers.areas);
    const body = $('needs').querySelector('tbody');
    body.replaceChildren(
      ...needs.map((need) => {
        const open = document.createElement('button');
        open.type = 'button';
        open.textContent = need.title;
        open.addEventListener('click', () => void showNeed(need.id));
        return row([
          ['Behov', open],
          ['Var', areas[need.area] || need.area],
          ['När', deps.dateTime.format(new Date(need.startsAt))],
          ['Platser', String(need.count)],
          ['Svar', answersOf(need)],
          ['Läge', STATUS[need.status]],
        ]);
      }),
    );
    $('no-needs').hidden = needs.length > 0;
    deps.setStatus(needs.length + ' behov.');
  }

  async function showNeed(id, quietly) {
    const need = await deps.api('/api/staff/volunteer-needs/' + encodeURIComponent(id));
    shownNeed = need;
    $('need-details').hidden = false;
    $('need-heading').textContent = need.title + ' (' + STATUS[need.status] + ')';
    $('need-summary').textContent = answersOf(need) + '.' + (need.status === 'open' ? ' ' + need.askable + ' till passar och kan få frågan nu.' : '');
    const open = need.status === 'open';
    $('call-out-form').hidden = !open;
    $('cancel-need').hidden = !open;
    $('call-out-form').elements.count.value = String(Math.ceil(need.count * deps.data.volunteers.callOutFactor));
    const body = $('call-outs').querySelector('tbody');
    body.replaceChildren(
      ...need.callOuts.map((callOut) =>
        row([
          ['Namn', callOut.volunteer ? callOut.volunteer.name : 'Har lämnat registret'],
          ['Nås via', callOut.volunteer ? REACH[callOut.volunteer.reachBy] + (callOut.volunteer.phone ? ' ' + callOut.volunteer.phone : '') : ''],
          ['Svar', ANSWER[callOut.status]],
          ['Frågan', DELIVERY[callOut.delivery]],
        ]),
      ),
    );
    if (!quietly) $('need-details').focus();
    window.clearTimeout(following);
    if (open) following = window.setTimeout(() => void showNeed(id, true).catch(() => undefined), FOLLOW_MS);
  }

  async function callOut(count) {
    try {
      const result = await deps.api('/api/staff/volunteer-needs/' + encodeURIComponent(shownNeed.id) + '/call-out', { count });
      await list();
      await showNeed(shownNeed.id);
      deps.setStatus(
        result.asked === 0
          ? 'Ingen fler passar behovet just nu, eller de har redan fått så många frågor som veckan tillåter.'
          : result.asked + ' volontärer får frågan.',
      );
    } catch (error) {
      deps.setStatus('Frågan kunde inte skickas: ' + error.message);
    }
  }

  async function cancel() {
    try {
      await deps.api('/api/staff/volunteer-needs/' + encodeURIComponent(shownNeed.id) + '/cancel', {});
      await list();
      await showNeed(shownNeed.id);
      deps.setStatus('Behovet är inställt. Alla som fått frågan får veta det.');
    } catch (error) {
      deps.setStatus('Behovet kunde inte ställas in: ' + error.message);
    }
  }

  window.LotsenVolunteers = {
    /** Shows the view's button to coordinators: the API answers them and refuses everyone else. */
    async start(staff) {
      deps = staff;
      if (!deps.data.volunteers) return;
      try {
        await deps.api('/api/staff/volunteer-needs');
      } catch {
        return;
      }
      fillForm();
      document.querySelector('.view[data-view="volunteers"]').hidden = false;
    },
    show: () => list(),
    /** Stops following a need's answers when another view is shown. */
    leave: () => window.clearTimeout(following),
  };
})();
