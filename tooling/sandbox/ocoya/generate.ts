/** Deterministic "AI" text generation for POST /post/ai and campaign completion. */

import type { AiLength, AiTone } from './enums';

const OPENERS: Record<AiTone, string> = {
	professional: "We're pleased to share an update.",
	friendly: 'Hey friends! 👋',
	educational: 'Did you know?',
	bold: 'Stop scrolling. This matters.',
	founder_led: "As a founder, here's something I've been thinking about.",
};

const CLOSERS: Record<AiTone, string> = {
	professional: 'Learn more via the link in our bio.',
	friendly: "Tell us what you think in the comments — we'd love to hear from you!",
	educational: 'Save this post so you can come back to it later.',
	bold: "Don't wait. Make the move today.",
	founder_led: "Building this has been a journey, and we're just getting started.",
};

const FILLERS = [
	'It was shaped by feedback from people like you.',
	'Every detail was designed to save you time.',
	'The result is simpler, faster and more reliable.',
	'We tested it with real teams before sharing it with the world.',
	'Small improvements add up to big results.',
	'Our team poured months of work into getting this right.',
	'It fits right into the way you already work.',
	'We think it sets a new standard.',
];

const SENTENCE_COUNT: Record<AiLength, number> = { short: 1, medium: 3, long: 5, extra_long: 8 };

function summarise(prompt: string): string {
	let text = prompt.trim().replace(/\s+/g, ' ');
	text = text.replace(/^(please\s+)?(create|write|generate|make|draft)\s+(a|an|the)?\s*([a-z]+\s+)?(post|caption|tweet|update)\s+(about|announcing|on|for)?\s*/i, '');
	text = text.replace(/[.!?]+$/, '');
	if (text.length === 0) text = 'our latest news';
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface CaptionInput {
	prompt: string;
	tone: AiTone;
	length: AiLength;
	hashtags?: string[];
	brandName?: string;
	/** Varies the filler sentences (e.g. the post index inside a campaign). */
	variant?: number;
}

export function generateCaption(input: CaptionInput): string {
	const topic = summarise(input.prompt);
	const sentences: string[] = [];
	const count = SENTENCE_COUNT[input.length];
	if (count === 1) {
		sentences.push(`${topic}${input.brandName ? ` — from ${input.brandName}` : ''}.`);
	} else {
		sentences.push(OPENERS[input.tone]);
		sentences.push(`${topic}${input.brandName ? ` — from the ${input.brandName} team` : ''}.`);
		const variant = input.variant ?? 0;
		for (let i = 0; sentences.length < count - 1; i++) {
			sentences.push(FILLERS[(i + variant) % FILLERS.length]);
		}
		sentences.push(CLOSERS[input.tone]);
	}
	let caption = sentences.join(' ');
	if (input.hashtags && input.hashtags.length > 0) {
		caption +=
			'\n\n' + input.hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)).join(' ');
	}
	return caption;
}
