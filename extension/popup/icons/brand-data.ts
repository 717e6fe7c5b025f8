// The bundled brand set, built once when the lazy chunk loads (brand-set.ts imports this module, never statically).
import { BRANDS } from 'virtual:keyfob-brand-icons';
import { makeBrandSet } from './brand-match.ts';

export const brandSet = makeBrandSet(BRANDS);
