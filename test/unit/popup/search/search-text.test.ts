// Search in the popup: every word must be found in issuer, name, group, bound site or notes, whatever the case and accents.
import { describe, expect, it } from 'vitest';
import { foldText, matchesQuery, matchesWords, queryWords, searchText } from '../../../../extension/popup/search/search-text.ts';

const account = {
  issuer: 'Zürcher Kantonalbank', account: 'élodie@example.ch', groups: ['Finanzen', 'Família'],
  origins: ['https://login.zkb.ch'], notes: 'Recovery sheet in the Señor drawer',
};

describe('foldText', () => {
  it('removes accents and lower-cases, so composed and decomposed spellings compare equal', () => {
    expect(foldText('Zürich')).toBe('zurich');
    expect(foldText('Zu\u0308rich')).toBe('zurich');
    expect(foldText('ÉLODIE Ñandú')).toBe('elodie nandu');
  });

  it('keeps letters that are not a base letter plus a mark, and digits, as they are', () => {
    expect(foldText('Straße Øresund ²')).toBe('straße øresund ²');
    expect(foldText('日本の銀行')).toBe('日本の銀行');
  });
});

describe('searching accounts', () => {
  const folded = searchText(account);
  const finds = (query: string) => matchesWords(folded, queryWords(query));

  it('finds an account by its issuer without the accents the issuer is written with', () => {
    expect(finds('zurcher')).toBe(true);
    expect(finds('ZÜRCHER kantonal')).toBe(true);
  });

  it('finds an account by its name, a group, a bound site or its notes', () => {
    expect(finds('elodie')).toBe(true);
    expect(finds('familia')).toBe(true);
    expect(finds('zkb.ch')).toBe(true);
    expect(finds('senor drawer')).toBe(true);
  });

  it('needs every word of the query to be somewhere', () => {
    expect(finds('zurcher finanzen')).toBe(true);
    expect(finds('zurcher github')).toBe(false);
  });

  it('matches everything for a blank query', () => {
    expect(queryWords('   ')).toEqual([]);
    expect(finds('  ')).toBe(true);
  });

  it('folds the query as well as the fields in matchesQuery', () => {
    expect(matchesQuery(['Zurich Insurance'], 'Zürich')).toBe(true);
    expect(matchesQuery(['Zürich'], 'zurich')).toBe(true);
    expect(matchesQuery(['Zürich'], 'zurigo')).toBe(false);
  });
});

describe('matchesQuery', () => {
  it('needs every word of the query somewhere in the fields, ignoring case', () => {
    expect(matchesQuery(['GitHub', 'dev@example.com'], 'git DEV')).toBe(true);
    expect(matchesQuery(['GitHub', 'dev@example.com'], 'git ops')).toBe(false);
    expect(matchesQuery(['Bank'], '   ')).toBe(true);
  });
});
