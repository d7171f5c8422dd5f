import type { Locale } from '../i18n/locales.js';
import { foldAccents, normalizeReply } from '../language/normalize.js';

/**
 * How users ask for the overview of a whole area rather than one task: "where do I start with…",
 * "give me the big picture", "which topics does … cover". The answer to such a question is the
 * section's overview article (a TOC entry with children), which otherwise loses to the child that
 * shares the question's most specific word. Compared accent-folded and lower-case, as whole words
 * (Chinese, with no spaces, as a substring). "…" in a cue stands for up to three words of the
 * question's own: "which … topics" is also "which support topics", "which billing topics".
 */
const CUES: Record<Locale, readonly string[]> = {
  'en-US': [
    'overview', 'big picture', 'introduction', 'intro to', 'where do i start', 'where do i begin',
    'where to start', 'where to begin', 'where should i start', 'where should i begin', 'getting started',
    'what … topics', 'which … topics', 'topics … covered', 'list of topics', 'all the info', 'everything about', 'main article',
    'main page', 'in general', 'general info', 'basics', 'what does … cover', 'what s in the … section',
  ],
  'it-IT': [
    'panoramica', "visione d'insieme", 'quadro generale', 'introduzione', 'da dove parto', 'da dove comincio',
    'da dove inizio', 'quali … argomenti', 'che argomenti', 'tutti gli argomenti', 'tutto su', 'in generale',
    'pagina principale', 'articolo principale', 'informazioni generali', 'nozioni di base', 'cosa copre', 'cosa comprende la sezione',
  ],
  'pt-BR': [
    'visão geral', 'panorama', 'introdução', 'por onde começo', 'por onde começar', 'quais … tópicos',
    'que tópicos', 'quais … assuntos', 'quais … temas', 'que temas', 'todos os tópicos', 'tudo sobre', 'em geral', 'página principal',
    'artigo principal', 'informações gerais', 'noções básicas', 'o que … cobre', 'o que abrange',
  ],
  'es-ES': [
    'visión general', 'panorama', 'introducción', 'por dónde empiezo', 'por dónde empezar', 'por dónde comienzo',
    'qué … temas', 'cuáles temas', 'todos los temas', 'todo sobre', 'en general', 'página principal',
    'artículo principal', 'información general', 'conceptos básicos', 'qué abarca', 'qué cubre', 'qué incluye la sección',
  ],
  'ru-RU': [
    'обзор', 'общее представление', 'введение', 'с чего начать', 'с чего начинать', 'какие … темы', 'все темы',
    'всё о', 'в целом', 'в общем', 'главная статья', 'основная статья', 'общая информация', 'основы', 'что входит в раздел', 'какие … разделы',
  ],
  'de-DE': [
    'überblick', 'übersicht', 'einführung', 'wo fange ich an', 'womit fange ich an', 'wo anfangen',
    'welche … themen', 'alle themen', 'alles über', 'allgemein', 'hauptartikel', 'grundlagen', 'gesamtbild', 'was deckt … ab', 'was umfasst der bereich',
  ],
  'zh-CN': [
    '概述', '概览', '总览', '简介', '介绍一下', '从哪开始', '从哪里开始', '从何开始', '哪些主题', '所有主题',
    '全部内容', '总体', '入门', '涵盖哪些', '包括哪些部分',
  ],
};

const fold = (text: string) => foldAccents(normalizeReply(text.replace(/['’]/g, ' ')));

const GAP = '…';

/** A cue as a pattern over the folded question: whole words, "…" for up to three words in between. */
function cuePattern(cue: string): RegExp {
  // fold() leaves letters, digits and single spaces: nothing a pattern would read as syntax.
  const words = cue.split(GAP).map(fold);
  return new RegExp(` ${words.join(' (?:\\S+ ){0,3}')} `, 'u');
}

const PATTERNS = new Map(Object.entries(CUES).map(([locale, cues]) => [locale, cues.map(cuePattern)]));
const HAN_CUES = CUES['zh-CN'].map(fold);

/** Whether the question asks for the overview of an area. Pure. */
export function asksForOverview(text: string, locale: Locale): boolean {
  const folded = fold(text);
  if (locale === 'zh-CN') return HAN_CUES.some((cue) => folded.includes(cue));
  const padded = ` ${folded} `;
  return (PATTERNS.get(locale) ?? []).some((pattern) => pattern.test(padded));
}
