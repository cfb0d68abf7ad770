/**
 * The task pane's entry: finds out where it runs and mounts the pane on the right source.
 * In Excel the source is the open workbook (src/excel). Outside Excel the file code (src/files,
 * with ExcelJS) is fetched by a dynamic import() only when the user picks a file, so the Excel
 * pane never downloads it: webpack emits it as the separate "file-mode" chunk.
 * While office.js has not said where it runs, the pane says "Connecting to Excel…" (host.ts says
 * why it waits rather than guess).
 */
import { officeExcelSource } from '../excel';
import { localeOf } from '../rules';
import { localToday } from '../clock';
import { mountPane } from './app';
import { h } from './dom';
import { CONNECTING_NOTICE_MS, detectHost, type OfficeLike } from './host';
import { text } from './strings';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const office = typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike);
  const notice = h('p', { class: 'pane-body connecting', attrs: { role: 'status' }, text: text(localeOf(navigator.language), 'connecting') });
  const showNotice = setTimeout(() => root.append(notice), CONNECTING_NOTICE_MS);
  const host = await detectHost(office, navigator.language);
  clearTimeout(showNotice);
  notice.remove();
  // The adapters read the clock; everything after this works on the day number.
  const today = localToday();
  if (host.kind === 'excel') {
    // The workbook's document settings keep the column mappings and what each scan wrote.
    const source = officeExcelSource();
    mountPane({ root, host, today, source });
  } else {
    mountPane({
      root,
      host,
      today,
      source: null,
      openFile: async (file) => {
        const { openFileSource } = await import(/* webpackChunkName: "file-mode" */ './file-source');
        return openFileSource(file);
      },
    });
  }
  root.setAttribute('aria-busy', 'false');
}

void boot();
