/** The Simplified Chinese catalogue: the same keys as the English one (a missing key is a type error). */
import type { Translation } from '../../catalog';
import type { English } from '../en';
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

export const zh: Translation<English> = { app, common, data, settings, train, runs, evaluate, labelProblems, explain, tryIt };
