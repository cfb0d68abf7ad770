/**
 * The pane's UI: settings, column mapping, Scan / Cancel / Clear / Download, progress, messages
 * and results. It talks to whatever ScanSource it is given (the open sheet in Excel, a picked
 * file in a browser) and decides no business rule: statuses, dates and explanations come from
 * the scan, words from the catalogues.
 */
import { FIELDS, hasDueAnchor, isoFromDay, POLICY, type Field, type Locale } from '../rules';
import { columnLetters, formatCount, ScanProblem, STATUS_LOOKS, STATUS_ORDER, type ListedOutcome, type ScanSettings, type ScanSource, type ScanTarget } from '../scan';
import { h, replaceChildren, uid } from './dom';
import { isCellEditModeError, type PaneHost } from './host';
import { fieldLabel, PROBLEM_KEYS, text, type UiKey } from './strings';
import { buildResultView, progressPercent, readSettings, type GroupView, type ResultView, type RowView } from './view-model';

export interface PaneOptions {
  readonly root: HTMLElement;
  readonly host: PaneHost;
  /** Today as a day number: the default of "As of". The caller reads the clock. */
  readonly today: number;
  /** Excel: the sheet. Outside Excel: null until a file is picked. */
  readonly source: ScanSource | null;
  /** Outside Excel: makes a source of a picked file (loading the file code on first use). */
  readonly openFile?: (file: File) => Promise<ScanSource>;
}

/** Rows listed per group in Excel, where the sheet itself shows every row. */
const EXCEL_LIST_LIMIT = 500;

type Tone = 'info' | 'success' | 'error';

export function mountPane(options: PaneOptions): void {
  const { root, host } = options;
  const locale: Locale = host.locale;
  const excel = host.kind === 'excel';
  const t = (key: UiKey, params?: Readonly<Record<string, string | number>>) => text(locale, key, params);

  let source: ScanSource | null = options.source;
  let target: ScanTarget | null = null;
  let running: AbortController | null = null;
  let lastScan: { settings: ScanSettings; outcome: ListedOutcome<ScanTarget> } | null = null;
  /** The listed rows by sheet row number: their element and what they show. */
  const listed = new Map<number, { item: HTMLElement; view: RowView }>();
  let chosen: HTMLElement | null = null;

  document.documentElement.lang = locale === 'da' ? 'da' : 'en';
  // The status colours of the chips come from the one table (src/scan/presentation.ts), set
  // through the CSSOM (which the CSP allows) as the custom properties the stylesheet reads.
  for (const status of STATUS_ORDER) document.documentElement.style.setProperty(`--status-${status}`, STATUS_LOOKS[status].accent);
  document.title = t('appName');

  // ---- header
  const header = h('header', { class: 'pane-header' }, [
    h('h1', { class: 'pane-title', text: t('appName') }),
    h('p', { class: 'pane-tagline', text: t('tagline') }),
  ]);
  const intro = h('p', { class: 'intro', text: t(excel ? 'excelIntro' : 'browserIntro') });

  // ---- file picker (outside Excel)
  // The native input stays (keyboard, screen readers, tests) but is drawn as a Fluent button with
  // the catalogue's words: Chromium would otherwise say "Choose File" in its own UI language.
  const fileCaptionId = uid('file-caption');
  const fileNameId = uid('file-name');
  const fileInput = h('input', {
    class: 'file-input visually-hidden',
    attrs: { type: 'file', accept: '.xlsx,.csv', id: uid('file'), 'aria-labelledby': fileCaptionId, 'aria-describedby': fileNameId },
  });
  const fileName = h('span', { class: 'file-name', attrs: { id: fileNameId }, text: t('noFile') });
  const fileField = excel ? null : h('div', { class: 'field' }, [
    h('span', { class: 'label', attrs: { id: fileCaptionId }, text: t('fileLabel') }),
    h('div', { class: 'file-row' }, [fileInput, h('label', { class: 'button file-button', attrs: { for: fileInput.id }, text: t('chooseFile') }), fileName]),
  ]);

  // ---- settings
  const asOfInput = h('input', { class: 'input', attrs: { type: 'date', id: uid('asof'), required: true, value: isoFromDay(options.today) } });
  const warningHintId = uid('hint');
  const warningInput = h('input', {
    class: 'input',
    attrs: { type: 'number', id: uid('warning'), min: 0, max: POLICY.maxWarningDays.value, step: 1, inputmode: 'numeric', value: POLICY.defaultWarningDays.value, 'aria-describedby': warningHintId },
  });
  const orderSelect = h('select', { class: 'select', attrs: { id: uid('order') } }, [
    h('option', { attrs: { value: '' }, text: t('dateOrderNone') }),
    h('option', { attrs: { value: 'dmy' }, text: t('dateOrderDmy') }),
    h('option', { attrs: { value: 'mdy' }, text: t('dateOrderMdy') }),
  ]);
  const dateColumnsInput = h('input', { class: 'checkbox', attrs: { type: 'checkbox', id: uid('datecols') } });
  const settings = h('section', { class: 'section', attrs: { 'aria-labelledby': 'settings-heading' } }, [
    h('h2', { class: 'section-title', attrs: { id: 'settings-heading' }, text: t('settingsHeading') }),
    h('div', { class: 'field-row' }, [field(asOfInput, t('asOfLabel')), field(warningInput, t('warningLabel'))]),
    h('p', { class: 'hint', attrs: { id: warningHintId }, text: t('warningHint') }),
    field(orderSelect, t('dateOrderLabel')),
    excel ? checkboxField(dateColumnsInput, t('dateColumnsLabel')) : null,
  ]);

  // ---- column mapping
  const mappingIntro = h('p', { class: 'hint' });
  const mappingCount = h('span', { class: 'summary-meta' });
  const mappingGrid = h('div', { class: 'mapping-grid' });
  const mappingSelects = new Map<Field, HTMLSelectElement>();
  let mappingHeaders = '';
  const mapping = h('details', { class: 'section mapping', attrs: { hidden: true } }, [
    h('summary', { class: 'section-title summary' }, [h('span', { text: t('mappingHeading') }), mappingCount]),
    mappingIntro,
    mappingGrid,
  ]);

  // ---- actions, progress and messages
  const scanButton = h('button', { class: 'button button--primary', attrs: { type: 'button' }, text: t('scan') });
  const cancelButton = h('button', { class: 'button', attrs: { type: 'button', hidden: true }, text: t('cancel') });
  const clearButton = excel ? h('button', { class: 'button', attrs: { type: 'button', title: t('clearHint') }, text: t('clear') }) : null;
  const downloadButton = excel ? null : h('button', { class: 'button', attrs: { type: 'button', hidden: true }, text: t('download') });
  const actions = h('div', { class: 'actions' }, [scanButton, cancelButton, clearButton, downloadButton]);
  const progressFill = h('div', { class: 'progress-fill' });
  const progressText = h('span', { class: 'progress-text' });
  const progressBar = h('div', {
    class: 'progress-track',
    attrs: { role: 'progressbar', 'aria-label': t('progressLabel'), 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 },
  }, [progressFill]);
  const progress = h('div', { class: 'progress', attrs: { hidden: true } }, [progressBar, progressText]);
  // Two live regions that exist from the start, so screen readers announce what is put in them.
  const statusRegion = h('div', { class: 'messages', attrs: { role: 'status', 'aria-live': 'polite' } });
  const alertRegion = h('div', { class: 'messages', attrs: { role: 'alert' } });

  // ---- results
  const results = h('section', { class: 'section results', attrs: { 'aria-labelledby': 'results-heading', hidden: true } });

  replaceChildren(root, [header, h('div', { class: 'pane-body' }, [intro, fileField, settings, mapping, actions, progress, statusRegion, alertRegion, results])]);
  if (!excel) scanButton.disabled = true;

  // ---- messages
  function say(tone: Tone, message: string, detail = ''): void {
    const region = tone === 'error' ? alertRegion : statusRegion;
    replaceChildren(statusRegion, []);
    replaceChildren(alertRegion, []);
    replaceChildren(region, [
      h('div', { class: `message message--${tone}` }, [
        h('span', { class: 'message-icon', attrs: { 'aria-hidden': 'true' }, text: tone === 'error' ? '!' : tone === 'success' ? '✓' : 'i' }),
        h('div', { class: 'message-body' }, [h('p', { class: 'message-text', text: message }), detail ? h('p', { class: 'message-detail', text: t('problemDetail', { detail }) }) : null]),
      ]),
    ]);
  }

  function silence(): void {
    replaceChildren(statusRegion, []);
    replaceChildren(alertRegion, []);
  }

  function sayProblem(error: unknown, tone: Tone = 'error'): void {
    if (error instanceof ScanProblem) {
      if (error.code === 'canceled') say('info', t('problemCanceled'));
      else if (error.code === 'no-header' && !excel) say(tone, t('problemNoHeaderFile'), error.detail);
      else say(tone, t(PROBLEM_KEYS[error.code]), error.detail);
      return;
    }
    if (isAbort(error)) {
      say('info', t('problemCanceled'));
      return;
    }
    if (isCellEditModeError(error)) {
      say('error', t('problemCellEditMode'));
      return;
    }
    say('error', t('problemUnexpected'), error instanceof Error ? error.message : String(error));
  }

  // ---- mapping
  function showMapping(found: ScanTarget): void {
    target = found;
    const mapped = FIELDS.filter((name) => found.columns[name] !== undefined);
    mapping.hidden = mapped.length === 0 && found.headers.length === 0;
    mappingCount.textContent = t('mappingCount', { count: mapped.length });
    if (found.headers.length === 0) {
      // The file mode: the file code maps by the aliases and takes no changes, so show what it found.
      mappingIntro.textContent = t('mappingFound', { address: found.address, headerRow: found.headerRow });
      mappingHeaders = '';
      mappingSelects.clear();
      replaceChildren(mappingGrid, [
        h('dl', { class: 'mapping-list' }, mapped.flatMap((name) => [
          h('dt', { text: fieldLabel(name, locale) }),
          h('dd', { text: t('columnLetter', { column: columnLetters(found.columns[name]!) }) }),
        ])),
      ]);
      return;
    }
    mappingIntro.textContent = t('mappingIntro', { address: found.address, headerRow: found.headerRow });
    const key = JSON.stringify(found.headers);
    if (key !== mappingHeaders) {
      mappingHeaders = key;
      mappingSelects.clear();
      const fields = FIELDS.map((name) => {
        const select = h('select', { class: 'select', attrs: { id: uid(`map-${name}`), 'data-field': name } }, [
          h('option', { attrs: { value: '' }, text: t('notMapped') }),
          ...found.headers.map((header, index) => h('option', { attrs: { value: index }, text: header.trim() || t('columnN', { n: index + 1 }) })),
        ]);
        mappingSelects.set(name, select);
        return field(select, fieldLabel(name, locale));
      });
      replaceChildren(mappingGrid, fields);
    }
    for (const [name, select] of mappingSelects) {
      const column = found.columns[name];
      select.value = column === undefined ? '' : String(column);
    }
  }

  mappingGrid.addEventListener('change', async (event) => {
    const select = event.target as HTMLSelectElement;
    const name = select.getAttribute('data-field') as Field | null;
    if (!name || !source || !target) return;
    const column = select.value === '' ? null : Number(select.value);
    try {
      const saved = await source.saveMapping(target, name, column);
      showMapping(saved);
      say('success', column === null ? t('mappingRemoved', { field: fieldLabel(name, locale) }) : t('mappingSaved', { field: fieldLabel(name, locale), header: saved.headers[column] ?? '' }));
    } catch (error) {
      showMapping(target);
      sayProblem(error);
    }
  });

  async function locate(tone: Tone): Promise<ScanTarget | null> {
    if (!source) return null;
    try {
      const found = await source.locate();
      showMapping(found);
      return found;
    } catch (error) {
      sayProblem(error, tone);
      return null;
    }
  }

  // ---- busy state
  const lockable: Array<HTMLInputElement | HTMLSelectElement | HTMLButtonElement> = [asOfInput, warningInput, orderSelect, dateColumnsInput, fileInput];

  /** Locks the controls; Cancel and the progress bar only show for work that can be canceled. */
  function setBusy(busy: boolean, cancellable: boolean = busy): void {
    for (const control of lockable) control.disabled = busy;
    for (const select of mappingSelects.values()) select.disabled = busy;
    scanButton.disabled = busy || !source;
    if (clearButton) clearButton.disabled = busy;
    if (downloadButton) downloadButton.disabled = busy;
    cancelButton.hidden = !cancellable;
    progress.hidden = !cancellable;
    root.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function showProgress(done: number, total: number): void {
    const percent = progressPercent({ rowsDone: done, rowsTotal: total });
    const words = total > 0 ? t('progressText', { done: formatCount(done, locale), total: formatCount(total, locale) }) : '';
    progressBar.setAttribute('aria-valuenow', String(percent));
    if (words) progressBar.setAttribute('aria-valuetext', words);
    else progressBar.removeAttribute('aria-valuetext');
    // transform, not width: set through the CSSOM, which the CSP allows, and cheap to animate.
    progressFill.style.transform = `scaleX(${percent / 100})`;
    progressText.textContent = words;
  }

  // ---- scan
  async function scan(): Promise<void> {
    if (running || !source) return;
    const reading = readSettings({ asOf: asOfInput.value, warningDays: warningInput.value, dateOrder: orderSelect.value }, locale);
    if (!reading.ok) {
      say('error', reading.message);
      return;
    }
    silence();
    const controller = new AbortController();
    running = controller;
    setBusy(true);
    showProgress(0, 0);
    cancelButton.focus();
    try {
      const found = await locate('error');
      if (!found) return;
      // A file's columns are only known once it is read; a sheet's are known now.
      if (found.headers.length > 0 && !hasDueAnchor(found.columns)) {
        say('error', t('noDateColumn'));
        return;
      }
      const { settings } = reading;
      const outcome = await source.scan(found, { settings, writeDateColumns: dateColumnsInput.checked }, (p) => showProgress(p.rowsDone, p.rowsTotal), controller.signal);
      if (controller.signal.aborted) throw new ScanProblem('canceled');
      lastScan = { settings, outcome };
      showMapping(outcome.table);
      showResults(buildResultView(outcome, { locale, asOf: settings.asOf, limit: excel ? EXCEL_LIST_LIMIT : Number.POSITIVE_INFINITY }));
      say('success', t('scanDone', { rows: formatCount(outcome.summary.rows, locale), atRisk: formatCount(outcome.summary.atRisk, locale) }));
      if (downloadButton) downloadButton.hidden = false;
    } catch (error) {
      sayProblem(error);
    } finally {
      running = null;
      setBusy(false);
      scanButton.focus();
    }
  }

  scanButton.addEventListener('click', () => void scan());
  cancelButton.addEventListener('click', () => running?.abort());
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && running) {
      event.preventDefault();
      running.abort();
    }
  });

  clearButton?.addEventListener('click', async () => {
    if (!source?.clear || running) return;
    setBusy(true, false);
    try {
      await source.clear();
      lastScan = null;
      hideResults();
      say('success', t('cleared'));
    } catch (error) {
      sayProblem(error);
    } finally {
      setBusy(false);
      clearButton.focus();
    }
  });

  downloadButton?.addEventListener('click', async () => {
    if (!source?.annotated || !lastScan) return;
    try {
      const file = await source.annotated(lastScan.settings);
      saveFile(file.fileName, file.bytes);
    } catch (error) {
      if (error instanceof ScanProblem) sayProblem(error);
      else say('error', t('downloadFailed'), error instanceof Error ? error.message : String(error));
    }
  });

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file || !options.openFile) return;
    fileName.textContent = file.name;
    source = null;
    target = null;
    lastScan = null;
    scanButton.disabled = true;
    hideResults();
    if (downloadButton) downloadButton.hidden = true;
    say('info', t('fileLoading', { file: file.name }));
    try {
      source = await options.openFile(file);
      if (await locate('error')) silence();
    } catch (error) {
      source = null;
      sayProblem(error);
    } finally {
      scanButton.disabled = !source;
    }
  });

  // ---- results
  function hideResults(): void {
    results.hidden = true;
    replaceChildren(results, []);
    listed.clear();
    chosen = null;
  }

  function showResults(view: ResultView): void {
    listed.clear();
    chosen = null;
    const counts = h('ul', { class: 'counts' }, view.counts.map((count) =>
      h('li', { class: `count${count.count === 0 ? ' count--zero' : ''}` }, [
        chip(count.status, count.label),
        h('span', { class: 'count-value', text: count.countText }),
      ])));
    const amounts = view.amounts.length
      ? h('ul', { class: 'amounts' }, view.amounts.map((amount) => h('li', { class: 'amount', text: amount.text })))
      : h('p', { class: 'hint', text: t('amountNone') });
    const deadlines = view.deadlines.length
      ? h('ol', { class: 'deadlines' }, view.deadlines.map((deadline) =>
        h('li', {}, [
          h('button', { class: 'deadline', attrs: { type: 'button', 'data-target-row': deadline.row } }, [
            h('span', { class: 'deadline-date', text: deadline.date }),
            h('span', { class: 'deadline-kind', text: deadline.kind }),
            h('span', { class: 'deadline-title', text: `${deadline.title} · ${t('rowNumber', { row: deadline.row })}` }),
          ]),
        ])))
      : h('p', { class: 'hint', text: t('deadlinesNone') });
    deadlines.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('[data-target-row]');
      if (button) chooseRow(Number(button.getAttribute('data-target-row')), true);
    });

    replaceChildren(results, [
      h('h2', { class: 'section-title', attrs: { id: 'results-heading' }, text: t('resultsHeading') }),
      h('p', { class: 'hint', text: view.summary }),
      h('div', { class: 'cards' }, [
        card(t('countsHeading'), counts),
        card(t('amountHeading'), amounts),
        card(t('deadlinesHeading'), deadlines),
      ]),
      h('p', { class: 'hint', text: t(excel ? 'chooseHintExcel' : 'chooseHintBrowser') }),
      ...view.groups.filter((group) => group.total > 0 || group.key === 'at-risk').map(groupSection),
    ]);
    results.hidden = false;
  }

  function groupSection(group: GroupView): HTMLElement {
    const headingId = uid(`group-${group.key}`);
    const list = h('ul', { class: 'rows', attrs: { role: 'listbox', 'aria-labelledby': headingId } });
    const fragment = document.createDocumentFragment();
    group.rows.forEach((row, index) => {
      const item = rowItem(row, index === 0);
      listed.set(row.row, { item, view: row });
      fragment.appendChild(item);
    });
    list.appendChild(fragment);
    list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('[data-row]');
      if (item) chooseRow(Number(item.dataset.row), false);
    });
    list.addEventListener('keydown', (event) => onListKey(list, event));
    const body = [
      group.rows.length > 0 ? list : null,
      group.total === 0 ? h('p', { class: 'hint', text: t('groupEmptyAtRisk') }) : null,
      group.more ? h('p', { class: 'hint', text: group.more }) : null,
    ];
    if (group.key === 'other') {
      // Active and not-covered rows need no action: listed, but folded away.
      return h('details', { class: `group group--${group.key}` }, [h('summary', { class: 'group-title summary', attrs: { id: headingId }, text: group.heading }), ...body]);
    }
    return h('section', { class: `group group--${group.key}` }, [h('h3', { class: 'group-title', attrs: { id: headingId }, text: group.heading }), ...body]);
  }

  function rowItem(row: RowView, first: boolean): HTMLElement {
    return h('li', {
      class: 'row',
      attrs: { role: 'option', tabindex: first ? 0 : -1, 'aria-selected': 'false', 'data-row': row.row, 'data-status': row.status },
    }, [
      h('span', { class: 'row-head' }, [chip(row.status, row.label), h('span', { class: 'row-number', text: row.rowText })]),
      h('span', { class: 'row-title', text: row.title }),
      row.line ? h('span', { class: `row-line${row.status === 'invalid' ? ' row-line--reason' : ''}`, text: row.line }) : null,
    ]);
  }

  function onListKey(list: HTMLElement, event: KeyboardEvent): void {
    const current = (event.target as Element).closest<HTMLElement>('[data-row]');
    if (!current) return;
    let next: Element | null = null;
    switch (event.key) {
      case 'ArrowDown': next = current.nextElementSibling; break;
      case 'ArrowUp': next = current.previousElementSibling; break;
      case 'Home': next = list.firstElementChild; break;
      case 'End': next = list.lastElementChild; break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        chooseRow(Number(current.dataset.row), false);
        return;
      default: return;
    }
    event.preventDefault();
    if (next instanceof HTMLElement) {
      makeTabStop(next);
      next.focus();
    }
  }

  /** Roving tabindex: the list is one Tab stop, its current row. */
  function makeTabStop(item: HTMLElement): void {
    item.parentElement?.querySelectorAll('[tabindex="0"]').forEach((other) => other.setAttribute('tabindex', '-1'));
    item.setAttribute('tabindex', '0');
  }

  /** Marks a listed row as chosen, shows its explanation and selects it in the sheet (Excel). */
  function chooseRow(sheetRow: number, moveFocus: boolean): void {
    const entry = listed.get(sheetRow);
    if (!entry) {
      // A deadline's row may be past the list's limit: still select it in the sheet.
      void source?.selectRow?.(sheetRow).catch(() => undefined);
      return;
    }
    const { item, view } = entry;
    if (chosen && chosen !== item) {
      chosen.setAttribute('aria-selected', 'false');
      chosen.querySelector('.row-explain')?.remove();
    }
    chosen = item;
    item.setAttribute('aria-selected', 'true');
    // An invalid row's line already is its explanation.
    if (view.status !== 'invalid' && !item.querySelector('.row-explain')) {
      item.appendChild(h('span', { class: 'row-explain', text: view.explanation }));
    }
    const folded = item.closest('details');
    if (folded && !folded.open) folded.open = true;
    makeTabStop(item);
    if (moveFocus) item.focus();
    source?.selectRow?.(sheetRow).catch(() => say('error', t('selectFailed', { row: sheetRow })));
  }

  // ---- small builders
  function field(control: HTMLElement, label: string): HTMLElement {
    const id = control.id || uid('control');
    control.id = id;
    return h('div', { class: 'field' }, [h('label', { class: 'label', attrs: { for: id }, text: label }), control]);
  }

  function checkboxField(control: HTMLInputElement, label: string): HTMLElement {
    return h('div', { class: 'field field--check' }, [control, h('label', { class: 'label', attrs: { for: control.id }, text: label })]);
  }

  function card(title: string, body: HTMLElement): HTMLElement {
    return h('section', { class: 'card' }, [h('h3', { class: 'card-title', text: title }), body]);
  }

  function chip(status: string, label: string): HTMLElement {
    return h('span', { class: `chip chip--${status}` }, [h('span', { class: 'chip-dot', attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'chip-label', text: label })]);
  }

  function saveFile(fileName: string, bytes: Uint8Array): void {
    const type = /\.csv$/i.test(fileName) ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const link = h('a', { attrs: { href: url, download: fileName, hidden: true } });
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has its own copy once started; the URL can go shortly after.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // In Excel, show the table and its mapping at once; a problem here is news, not an error yet.
  if (excel) void locate('info');
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
