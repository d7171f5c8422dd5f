import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import { asksForOverview } from '../../src/knowledge/overview.js';

describe('asksForOverview', () => {
  it.each<[Locale, string]>([
    ['en-US', 'Give me the big picture of billing'],
    ['en-US', "I'm new here, where do I begin with customer accounts?"],
    ['en-US', 'which topics are under account management'],
    // A cue may have the user's own words inside it.
    ['en-US', 'Which billing topics are covered here?'],
    ['pt-BR', 'Quais são os temas de suporte?'],
    ['de-DE', 'Welche wichtigen Themen gibt es zur Abrechnung?'],
    // What a section covers.
    ['en-US', 'What does the billing section cover?'],
    ['es-ES', '¿Qué abarca la parte de soporte?'],
    ['ru-RU', 'Что входит в раздел о счетах?'],
    ['de-DE', 'Was deckt der Bereich Kundenkonten ab?'],
    ['it-IT', 'Mi serve una panoramica della fatturazione'],
    ['it-IT', "Vorrei una visione d’insieme dell'assistenza"],
    ['pt-BR', 'Quero uma visao geral das assinaturas'],
    ['pt-BR', 'Por onde começo com os clientes?'],
    ['es-ES', '¿Por dónde empiezo con la facturación?'],
    ['es-ES', 'una vision general del soporte'],
    ['ru-RU', 'Нужен обзор раздела про счета'],
    ['ru-RU', 'С чего начать работу с подписками?'],
    ['de-DE', 'Ich brauche einen Überblick über die Abrechnung'],
    ['de-DE', 'Wo fange ich an, wenn ich Kunden verwalten will?'],
    ['zh-CN', '账单部分的概述在哪里？'],
    ['zh-CN', '管理订阅应该从哪里开始？'],
  ])('%s: "%s" asks for an overview', (locale, text) => {
    expect(asksForOverview(text, locale)).toBe(true);
  });

  it.each<[Locale, string]>([
    ['en-US', 'How do I start a new subscription?'],
    ['en-US', 'Where do I find my invoice for March?'],
    // …but no more than three of them.
    ['en-US', 'which of my customers asked about these topics?'],
    ['it-IT', 'Come inizio una nuova sottoscrizione?'],
    ['pt-BR', 'Como começo uma nova assinatura?'],
    ['es-ES', '¿Cómo empiezo una suscripción nueva?'],
    ['ru-RU', 'Как начать новую подписку?'],
    // A word that contains a cue is not the cue.
    ['de-DE', 'Wo ist die Kundenübersicht im Portal?'],
    ['zh-CN', '怎么开始新的订阅？'],
    // Each locale has its own cues: the Italian one means nothing in an English question.
    ['en-US', 'panoramica'],
  ])('%s: "%s" does not', (locale, text) => {
    expect(asksForOverview(text, locale)).toBe(false);
  });
});
