/** The English catalogue: the source every other language is checked against (catalog.ts). */
import { app } from './app';
import { common } from './common';
import { data } from './data';
import { evaluate } from './evaluate';
import { explain } from './explain';
import { labelProblems } from './labelProblems';
import { runs } from './runs';
import { settings } from './settings';
import { train } from './train';
import { tryIt } from './tryIt';

export const en = { app, common, data, settings, train, runs, evaluate, labelProblems, explain, tryIt };
export type English = typeof en;
