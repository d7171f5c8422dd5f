import { DEFAULT_TRAINING, predict, trainLinearModel, type LinearModel, type TrainingOptions } from '../nlu/classifier.js';
import { addNormalized, type FeatureBag } from '../nlu/features.js';
import type { Token } from './analyze.js';

/**
 * Which article a question is about, learned from the ways of asking that articles declare
 * (their alternate questions, titles and description) and from their own sentences. BM25 finds the
 * article that shares the question's rarest words; this learns which words tell one article from the
 * others ("kündigen" means suspend-a-subscription even though every billing article says
 * "Abonnement"). The ranking adds the two (see `rank`).
 *
 * The model is the NLU's multinomial logistic regression on features of the index's own tokens.
 */

/**
 * Fewer epochs than the NLU: a locale trains on its first question, or in the background after
 * start-up (KnowledgeBase.prepare), ~0.2 s a locale at 8 epochs on questions and sentences. On the
 * question bank, cross-validated, 8 epochs ranked a point above 3 (rank-1 0.729 against 0.718 on our
 * articles) and 15 no better.
 */
export const ARTICLE_TRAINING: TrainingOptions = { ...DEFAULT_TRAINING, epochs: 8 };

const TERM_WEIGHT = 1;
const PAIR_WEIGHT = 0.5;
/** Character 4-grams carry what stems miss: compounds, inflections the stemmer leaves, typos. */
const GRAM_WEIGHT = 1.2;
const GRAM = 4;
const HAN = /\p{Script=Han}/u;

/**
 * Index terms, pairs of adjacent terms and character 4-grams of the words, each group L2-normalized.
 * Term and pair keys carry a prefix with a colon, which no 4-gram has: grams, the most numerous,
 * stay unprefixed (one string less each, on the path of every question and of training).
 *
 * Chinese has no 4-grams (its terms are already character bigrams); it gets its single characters
 * instead ("h" + one character, which no 4-gram can be), the sub-word signal the other languages
 * get from grams: 删 in 删除 and 删掉. On the question bank (npm run tune:kb), Chinese rank-1
 * 0.758 → 0.783 on our articles and 0.731 → 0.752 on the docs with the bank; 3- and 5-grams for
 * the other languages instead of 4 changed nothing.
 */
export function questionFeatures(tokens: readonly Token[]): FeatureBag {
  const terms = tokens.map((t) => t.term);
  const grams: string[] = [];
  for (const { surface } of tokens) {
    if (HAN.test(surface)) {
      if (surface.length === 2) grams.push(`h${surface[0]}`, `h${surface[1]}`);
      continue;
    }
    const padded = `^${surface}$`;
    for (let i = 0; i + GRAM <= padded.length; i++) grams.push(padded.slice(i, i + GRAM));
  }
  const bag: FeatureBag = new Map();
  addNormalized(bag, 'w:', terms, TERM_WEIGHT);
  addNormalized(bag, 'p:', terms.slice(1).map((t, i) => `${terms[i] ?? ''} ${t}`), PAIR_WEIGHT);
  addNormalized(bag, '', grams, GRAM_WEIGHT);
  return bag;
}

export interface ArticleExample {
  tokens: readonly Token[];
  article: number;
}

/**
 * A model over `classCount` classes (the articles, then the off-topic class at `offTopicClass` if
 * there is one), or undefined when there is nothing to tell apart.
 */
export function trainArticleClassifier(
  examples: readonly ArticleExample[],
  classCount: number,
  offTopicClass?: number,
  options: TrainingOptions = ARTICLE_TRAINING,
): LinearModel | undefined {
  const kept = examples.filter((e) => e.tokens.length > 0);
  if (classCount < 2 || kept.length === 0) return undefined;
  const weights = balancedWeights(kept.map((e) => e.article), offTopicClass);
  const samples = kept.map((e, i) => ({ features: questionFeatures(e.tokens), label: e.article, weight: weights[i] }));
  return trainLinearModel(samples, classCount, options);
}

/**
 * Sample weights under which every class weighs the same in training, whatever its number of
 * examples: mean examples per class / examples of the sample's class. An article with 90 ways of
 * asking (one per column of a file) would otherwise learn a prior that pulls every vague question
 * to it. `except` (the off-topic class) keeps weight 1, its size is what makes it the background,
 * and it does not count in the mean. On the question bank (npm run tune:kb), rank-1 0.766 → 0.768 on
 * our articles and 0.742 → 0.747 on the docs with the bank.
 */
export function balancedWeights(labels: readonly number[], except?: number): number[] {
  const counts = new Map<number, number>();
  for (const label of labels) if (label !== except) counts.set(label, (counts.get(label) ?? 0) + 1);
  let total = 0;
  for (const count of counts.values()) total += count;
  const mean = total / Math.max(1, counts.size);
  return labels.map((label) => (label === except ? 1 : mean / (counts.get(label) ?? 1)));
}

/** The probability of each article, indexed like the examples' `article`. */
export function articleProbabilities(model: LinearModel, tokens: readonly Token[]): Float64Array {
  return predict(model, questionFeatures(tokens));
}
