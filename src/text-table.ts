// Tables on the terminal, drawn by cli-table3, without colours; long ones without lines between rows.
import Table from 'cli-table3';

const WITHOUT_ROW_LINES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function table(head: string[], { rowLines = true } = {}): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, ...(rowLines ? {} : { chars: WITHOUT_ROW_LINES }) });
}
