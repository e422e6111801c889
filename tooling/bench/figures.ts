/**
 * What every figure of `npm run bench` shares: the repetitions, the scaled limits, and the one list of
 * figures a run records (printed as they come, written by report.ts).
 */
import { join } from 'path';

export const REPS = Number(process.env.BENCH_REPS ?? 3);
/** The side-by-side timings (figures 1 and 5) take about a second per repetition: more of them, for a stabler median. */
export const TIMING_REPS = Math.max(REPS, 7);
export const ROOT = join(__dirname, '..', '..');
/** Copper's limits scaled down 20× in time: 180 per 60 s → 180 per 3 s; bulk 3 per 1 s → 3 per 50 ms. */
export const COPPER_LIMIT = { max: 180, windowMs: 3000 };
export const COPPER_BULK_LIMIT = { max: 3, windowMs: 50 };
/** Ocoya's 60 per 60 s scaled 30× to 60 per 2 s. */
export const OCOYA_LIMIT = { max: 60, windowMs: 2000 };
/** Section 7: the budget several processes share (the shape measured in issue 13, 30 per 10 s, scaled 5× in time). */
export const SHARED_LIMIT = { max: 30, windowMs: 2000 };
/** `BENCH_ONLY=scaleOut` runs section 7 alone and merges it into the figures of the last full run. */
export const ONLY = process.env.BENCH_ONLY;

export interface Figure {
	id: string;
	label: string;
	value: number | string;
	target?: string;
	met?: boolean;
	note?: string;
}

export const figures: Figure[] = [];
export const record = (figure: Figure) => {
	figures.push(figure);
	const mark = figure.met === undefined ? '' : figure.met ? '  ok' : '  MISSED';
	console.log(`  ${figure.label}: ${figure.value}${figure.target ? ` (target ${figure.target})` : ''}${mark}`);
};
export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
