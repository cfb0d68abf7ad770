/**
 * The task pane's entry: finds out where it runs and mounts the pane on the right source.
 * In Excel the source is the open workbook (src/excel). Outside Excel the file code (src/files,
 * with ExcelJS) is fetched by a dynamic import() only when the user picks a file, so the Excel
 * pane never downloads it: webpack emits it as the separate "file-mode" chunk.
 */
import { officeExcelSource } from '../excel';
import { localToday } from '../clock';
import { mountPane } from './app';
import { detectHost, type OfficeLike } from './host';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const office = typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike);
  const host = await detectHost(office, navigator.language);
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
