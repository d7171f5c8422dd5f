import type { Locale } from '../i18n/locales.js';
import { detectLanguage } from '../language/detect.js';
import {
  DEFAULT_TRAINING,
  predict,
  trainLinearModel,
  type TrainingOptions,
  type TrainingSample,
} from './classifier.js';
import { extractEntities, extractMaskableEntities } from './entities.js';
import { extractFeatures } from './features.js';
import {
  INTENTS,
  type Entity,
  type Intent,
  type IntentRecognizer,
  type IntentScore,
  type Recognition,
} from './types.js';
import type { UtteranceSet } from './utterances.js';

/**
 * Why a home-made linear model rather than NLP.js: @nlpjs packages are maintained only sporadically
 * (4.x, one release in 2025), pull a dozen packages and train one network per language. One
 * multinomial logistic regression over stemmed words, word bigrams and character n-grams, trained on
 * the utterances of all seven locales together, handles mixed-language messages ("il ticket SR-12"),
 * trains in a few hundred milliseconds (npm run bench:nlu) and gives probabilities that can be
 * compared across intents for "did you mean A or B?". Accuracy: npm run eval:intents.
 */
export interface RecognizerOptions {
  training?: TrainingOptions;
  /** Used only when recognize() is called without `now`. */
  clock?: () => Date;
}

function trainingSamples(utterances: readonly UtteranceSet[]): TrainingSample[] {
  const samples: TrainingSample[] = [];
  for (const set of utterances) {
    for (const intent of INTENTS) {
      for (const text of set.intents[intent] ?? []) {
        const entities = extractMaskableEntities(text, set.locale);
        samples.push({
          features: extractFeatures(text, set.locale, entities),
          label: INTENTS.indexOf(intent),
        });
      }
    }
  }
  return samples;
}

function rank(probabilities: Float64Array): IntentScore[] {
  return INTENTS.map((intent, i) => ({ intent, score: probabilities[i] ?? 0 })).sort(
    (a, b) => b.score - a.score,
  );
}

/** Trains on the utterances (all locales at once) and returns the recognizer the bot routes with. */
export function createRecognizer(
  utterances: readonly UtteranceSet[],
  options: RecognizerOptions = {},
): IntentRecognizer {
  const clock = options.clock ?? (() => new Date());
  const samples = trainingSamples(utterances);
  const model = trainLinearModel(samples, INTENTS.length, options.training ?? DEFAULT_TRAINING);

  return {
    recognize(text: string, locale: Locale, now?: Date): Recognition {
      const language = detectLanguage(text)?.locale;
      // The words are read in the language they are written in when it can be told.
      const textLocale = language ?? locale;
      const features = extractFeatures(text, textLocale, extractMaskableEntities(text, textLocale));
      const ranked = rank(predict(model, features));
      const top = ranked[0] ?? { intent: 'none' satisfies Intent, score: 0 };
      const context = { locale: textLocale, now: now ?? clock() };
      let entities: Entity[] | undefined;
      return {
        intent: top.intent,
        score: top.score,
        ranked,
        language,
        // Dates and number words are the costly extractors (half the turn's CPU), and most turns (a
        // question for the knowledge base, a "yes") never look at them: they are found when first read.
        get entities() {
          return (entities ??= extractEntities(text, context));
        },
      };
    },
  };
}

export interface ClarificationThresholds {
  /** Below this the top intent is a guess. */
  minScore: number;
  /** Top two closer than this: ask which one. */
  minMargin: number;
}

export const DEFAULT_CLARIFICATION: ClarificationThresholds = { minScore: 0.5, minMargin: 0.2 };

/**
 * The two intents to offer ("did you mean A or B?") when the recognition is not clear enough to act
 * on, or undefined when the top intent can be trusted.
 */
export function intentsToOffer(
  recognition: Recognition,
  thresholds: ClarificationThresholds = DEFAULT_CLARIFICATION,
): [Intent, Intent] | undefined {
  const [first, second] = recognition.ranked;
  if (!first || !second) return undefined;
  const clear = first.score >= thresholds.minScore && first.score - second.score >= thresholds.minMargin;
  return clear ? undefined : [first.intent, second.intent];
}
