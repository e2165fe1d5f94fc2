import { describe, expect, it } from 'vitest';
import { csvCell, CsvSyntaxError, parseCsv } from '../../src/services/assets';
import { unguard } from '../../src/services/assets/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('strict CSV reader', () => {
  it('when fields are quoted then commas, doubled quotes and line breaks stay inside them', () => {
    expect(fields('a,"b,c","say ""hi""","two\r\nlines"\r\nx,,z\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['x', '', 'z'],
    ]);
  });

  it('when records span lines then each starts on its own line number; blank lines and a BOM are skipped', () => {
    const recs = parseCsv('\uFEFFh1,h2\n"a\nb",c\n\nd,e');
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['a\nb', 'c']],
      [5, ['d', 'e']],
    ]);
  });

  it('when a record ends with an empty quoted field then it is kept', () => {
    expect(fields('a,""\n""\n')).toEqual([['a', ''], ['']]);
  });

  it.each([
    ['a,b"c', 1, 'a quote inside an unquoted field'],
    ['a\n"b"x,c', 2, 'text after a closing quote'],
    ['a\nb,"c\nd', 2, 'a quoted field is not closed'],
  ])('when the text is %j then it is refused naming line %i', (text, line, message) => {
    expect(() => parseCsv(text)).toThrow(new CsvSyntaxError(line, message));
  });
});

describe('export cells', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['=a,"b"', `"'=a,""b"""`],
  ])('when the cell is %j then it is written %j and reads back as itself', (value, written) => {
    expect(csvCell(value)).toBe(written);
    expect(unguard(fields(written)[0]?.[0] ?? '')).toBe(value);
  });
});
