import type { Locale } from '../i18n/locales.js';

/**
 * Compact stop word lists, after the Snowball project's lists, plus the question and request words
 * users put around what they ask ("how do I", "where can I"). Written accent-folded and lowercase,
 * because they are compared with folded tokens. Chinese words are matched on segmenter output.
 */
const WORDS: Record<Locale, string> = {
  'en-US': `a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each few for from further
    get gets got had has have having he her here hers herself him himself his how i if in into is it
    its itself just let lets me might more most must my myself need needs no nor not now of off on
    once only or other our ours ourselves out over own please same shall she should so some such than
    that the their theirs them themselves then there these they this those through to too under until
    up us very want was we were what when where which while who whom why will with would you your
    yours yourself yourselves s t don doesn didn isn aren can cannot cant im ive id youre dont`,
  'it-IT': `a ad al alla alle agli ai allo anche avere ha hai hanno ho abbiamo avete aveva avevo c ci che
    chi cioe come con contro cosa cui d da dai dal dalla dalle dagli dallo de degli dei del della delle
    dello di dove e ed essere era erano gli ha i il in io la le lei li lo loro lui ma me mi mia mie miei
    mio ne negli nei nel nella nelle nello no noi non nostra nostre nostri nostro o per perche piu puo
    posso possiamo potete possono quale quali quando quanto quella quelle quelli quello questa queste
    questi questo se sei si sia siamo siete sono su sua sue sui sul sulla sulle suo suoi ti tra tu tua
    tue tuo tuoi un una uno vi voi vostra vostro l all dell nell sull un qual devo deve serve servono
    fare faccio fa voglio vorrei bisogna`,
  'pt-BR': `a ao aos as ate com como da das de dela dele deles depois do dos e ela elas ele eles em entre
    era eram essa essas esse esses esta estas este estes eu foi for foram ha isso isto ja la lhe lhes
    mais mas me mesmo meu meus minha minhas muito na nao nas nem no nos nossa nossas nosso nossos num
    numa o os ou para pela pelas pelo pelos por qual quais quando que quem se sem ser seu seus so sua
    suas tambem te tem ter tenho teu tua um uma umas uns voce voces vos onde posso pode podemos preciso
    precisa devo deve fazer faco quero gostaria esta estou sao`,
  'es-ES': `a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde
    durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estas este esto estos fue
    ha han has hay la las le les lo los mas me mi mis mucho muy nada ni no nos nosotros o os otra otro
    para pero poco por porque que quien se sea ser si sin sobre su sus tambien te tengo ti tu tus un
    una uno unos usted ustedes vosotros y ya yo puedo puede podemos debo debe necesito necesita hacer
    hago quiero quisiera tiene tienen estoy esta estan son`,
  'ru-RU': `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже
    для до его ее если есть еще же за здесь и из или им их к как какая какие какой ко когда кто куда ли
    либо мне много может можно мой моя мы на над надо наш наша наши не него нее нет ни них но ну о об
    однако он она они оно от очень по под при с со так также такой там те тем то того тоже той только
    том ты у уже хотя чего чей чем что чтобы чье эта эти это этот я нам нас нужно нужен нужна нужны
    хочу могу мы свой своя свои сам себя себе меня мной ему ей им ими них нем ней ваш ваша ваши вами
    тот та такие почему зачем сейчас`,
  'de-DE': `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der des dessen dich die dir
    doch dort du durch ein eine einem einen einer eines er es etwas euer eure fur gegen gewesen hab habe
    haben hat hatte hier hin hinter ich ihr ihre im in ist ja jede jedem jeden jeder jedes jetzt kann
    kein keine konnen kann muss mussen mich mir mit nach nicht nichts noch nun nur ob oder ohne sehr
    sein seine sich sie sind so soll sollte sondern sonst uber um und uns unser unsere unter vom von vor
    war waren warum was weil welche welchem welchen welcher welches wenn wer werde werden wie wieder
    will wir wird wo wollen zu zum zur zwar wie wo woher wohin mochte machen mache mein meine meinen meinem meiner meines ihm ihn
    gibt geht gar oft wann wofur wonach dein deinen`,
  'zh-CN': `的 了 吗 呢 吧 啊 呀 么 我 我们 你 你们 您 他 她 它 他们 是 在 有 和 与 及 或 或者 也 都 就 还
    要 会 能 可以 可 该 应该 需要 想 把 被 让 给 对 从 向 到 为 为了 以 以及 之 这 那 这个 那个 这些 那些 哪
    哪里 哪儿 哪个 什么 怎么 怎样 怎么样 如何 为什么 吗 是否 能否 一个 一下 请问 请 如果 时 时候 中 上 下 里
    后 前 等 个 得 地 着 过 没有 没 不 很 更 最`,
};

const LISTS = new Map<Locale, ReadonlySet<string>>(
  (Object.entries(WORDS) as [Locale, string][]).map(([locale, words]) => [locale, new Set(words.split(/\s+/).filter(Boolean))]),
);

export function stopWords(locale: Locale): ReadonlySet<string> {
  return LISTS.get(locale) ?? new Set();
}
