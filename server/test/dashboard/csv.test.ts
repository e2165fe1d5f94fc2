/** CSV cells: RFC 4180 quoting and the spreadsheet formula guard (no database). */
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/services/dashboard';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+33 1 23', "'+33 1 23"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tindent', "'\tindent"],
    ['=HYPERLINK("http://x","y"),z', `"'=HYPERLINK(""http://x"",""y""),z"`],
  ])('when a text cell is %j then it is written %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('when cells are numbers, dates or empty then numbers stay numbers (a negative one too), dates are ISO, null is empty', () => {
    expect(csvLine([-120.5, 1 / 3, new Date(Date.UTC(2026, 10, 20, 1, 2, 3)), null, Number.NaN])).toBe(
      '-120.5,0.333,2026-11-20T01:02:03.000Z,,\r\n',
    );
  });
});
