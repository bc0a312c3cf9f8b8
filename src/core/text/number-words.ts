// Tables of Russian number words in every case and gender, keyed by the folded form (ё → е). They are
// written out here instead of taken from the morphology because the dictionary reads several numerals
// as other words («три» as the imperative of «тереть», «сорока» as the bird) and ordinals as cardinals.

/** Rank of a cardinal word inside a group of thousands: units and teens, tens, hundreds. */
export type CardinalRank = 'zero' | 'unit' | 'teen' | 'ten' | 'hundred';

export interface CardinalWord {
  value: number;
  rank: CardinalRank;
}

export interface OrdinalWord {
  value: number;
  rank: Exclude<CardinalRank, 'zero'> | 'thousand';
}

function forms(value: number, rank: CardinalRank, words: string): [string, CardinalWord][] {
  return words.split(' ').map((word) => [word, { value, rank }]);
}

export const CARDINALS: ReadonlyMap<string, CardinalWord> = new Map([
  ...forms(0, 'zero', 'ноль нуль ноля нуля нолю нулю нолем нулем ноле нуле'),
  ...forms(1, 'unit', 'один одна одно одни одного одной одному одним одну одном одною одних одними'),
  ...forms(2, 'unit', 'два две двух двум двумя'),
  ...forms(3, 'unit', 'три трех трем тремя'),
  ...forms(4, 'unit', 'четыре четырех четырем четырьмя'),
  ...forms(5, 'unit', 'пять пяти пятью'),
  ...forms(6, 'unit', 'шесть шести шестью'),
  ...forms(7, 'unit', 'семь семи семью'),
  ...forms(8, 'unit', 'восемь восьми восемью восьмью'),
  ...forms(9, 'unit', 'девять девяти девятью'),
  ...forms(10, 'teen', 'десять десяти десятью'),
  ...forms(11, 'teen', 'одиннадцать одиннадцати одиннадцатью'),
  ...forms(12, 'teen', 'двенадцать двенадцати двенадцатью'),
  ...forms(13, 'teen', 'тринадцать тринадцати тринадцатью'),
  ...forms(14, 'teen', 'четырнадцать четырнадцати четырнадцатью'),
  ...forms(15, 'teen', 'пятнадцать пятнадцати пятнадцатью'),
  ...forms(16, 'teen', 'шестнадцать шестнадцати шестнадцатью'),
  ...forms(17, 'teen', 'семнадцать семнадцати семнадцатью'),
  ...forms(18, 'teen', 'восемнадцать восемнадцати восемнадцатью'),
  ...forms(19, 'teen', 'девятнадцать девятнадцати девятнадцатью'),
  ...forms(20, 'ten', 'двадцать двадцати двадцатью'),
  ...forms(30, 'ten', 'тридцать тридцати тридцатью'),
  ...forms(40, 'ten', 'сорок сорока'),
  ...forms(50, 'ten', 'пятьдесят пятидесяти пятьюдесятью'),
  ...forms(60, 'ten', 'шестьдесят шестидесяти шестьюдесятью'),
  ...forms(70, 'ten', 'семьдесят семидесяти семьюдесятью'),
  ...forms(80, 'ten', 'восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью'),
  ...forms(90, 'ten', 'девяносто девяноста'),
  ...forms(100, 'hundred', 'сто ста'),
  ...forms(200, 'hundred', 'двести двухсот двумстам двумястами двухстах'),
  ...forms(300, 'hundred', 'триста трехсот тремстам тремястами трехстах'),
  ...forms(400, 'hundred', 'четыреста четырехсот четыремстам четырьмястами четырехстах'),
  ...forms(500, 'hundred', 'пятьсот пятисот пятистам пятьюстами пятистах'),
  ...forms(600, 'hundred', 'шестьсот шестисот шестистам шестьюстами шестистах'),
  ...forms(700, 'hundred', 'семьсот семисот семистам семьюстами семистах'),
  ...forms(800, 'hundred', 'восемьсот восьмисот восьмистам восемьюстами восьмьюстами восьмистах'),
  ...forms(900, 'hundred', 'девятьсот девятисот девятистам девятьюстами девятистах'),
]);

/** «тысяча», «миллион», «миллиард» in every case and number. */
export const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ...'тысяча тысячи тысяче тысячу тысячей тысячею тысячью тысяч тысячам тысячами тысячах тыща тыщи тыщу тыщ тыщей'.split(' ').map((word): [string, number] => [word, 1e3]),
  ...nounForms('миллион').map((word): [string, number] => [word, 1e6]),
  ...nounForms('миллиард').map((word): [string, number] => [word, 1e9]),
]);

/** «полтора» (1.5) in every case and gender. */
export const ONE_AND_A_HALF: ReadonlySet<string> = new Set(['полтора', 'полторы', 'полутора']);

function nounForms(stem: string): string[] {
  return ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах'].map((ending) => stem + ending);
}

// Ordinal stems and the ending family each takes. «третий» is soft and listed in full.
const HARD_ENDINGS = ['ый', 'ой', 'ого', 'ому', 'ым', 'ом', 'ая', 'ую', 'ое', 'ые', 'ых', 'ыми'];
const SOFT_TRETIY = ['третий', 'третьего', 'третьему', 'третьим', 'третьем', 'третья', 'третьей', 'третью', 'третье', 'третьи', 'третьих', 'третьими'];

const ORDINAL_STEMS: readonly [string, number, OrdinalWord['rank']][] = [
  ['нулев', 0, 'unit'], ['перв', 1, 'unit'], ['втор', 2, 'unit'], ['четверт', 4, 'unit'], ['пят', 5, 'unit'],
  ['шест', 6, 'unit'], ['седьм', 7, 'unit'], ['восьм', 8, 'unit'], ['девят', 9, 'unit'], ['десят', 10, 'teen'],
  ['одиннадцат', 11, 'teen'], ['двенадцат', 12, 'teen'], ['тринадцат', 13, 'teen'], ['четырнадцат', 14, 'teen'],
  ['пятнадцат', 15, 'teen'], ['шестнадцат', 16, 'teen'], ['семнадцат', 17, 'teen'], ['восемнадцат', 18, 'teen'],
  ['девятнадцат', 19, 'teen'], ['двадцат', 20, 'ten'], ['тридцат', 30, 'ten'], ['сороков', 40, 'ten'],
  ['пятидесят', 50, 'ten'], ['шестидесят', 60, 'ten'], ['семидесят', 70, 'ten'], ['восьмидесят', 80, 'ten'],
  ['девяност', 90, 'ten'], ['сот', 100, 'hundred'], ['двухсот', 200, 'hundred'], ['трехсот', 300, 'hundred'],
  ['четырехсот', 400, 'hundred'], ['пятисот', 500, 'hundred'], ['шестисот', 600, 'hundred'],
  ['семисот', 700, 'hundred'], ['восьмисот', 800, 'hundred'], ['девятисот', 900, 'hundred'], ['тысячн', 1000, 'thousand'],
];

export const ORDINALS: ReadonlyMap<string, OrdinalWord> = new Map([
  ...SOFT_TRETIY.map((word): [string, OrdinalWord] => [word, { value: 3, rank: 'unit' }]),
  ...ORDINAL_STEMS.flatMap(([stem, value, rank]) => HARD_ENDINGS.map((ending): [string, OrdinalWord] => [stem + ending, { value, rank }])),
]);

/** Currency words in every case, with their minor unit's words. */
export interface CurrencyWords {
  code: 'RUB' | 'USD' | 'EUR';
  major: ReadonlySet<string>;
  minor: ReadonlySet<string>;
}

export const CURRENCIES: readonly CurrencyWords[] = [
  {
    code: 'RUB',
    major: new Set(['рубль', 'рубля', 'рублю', 'рублем', 'рубле', 'рубли', 'рублей', 'рублям', 'рублями', 'рублях', 'руб', 'р', '₽']),
    minor: new Set(['копейка', 'копейки', 'копейке', 'копейку', 'копейкой', 'копеек', 'копейкам', 'копейками', 'копейках', 'коп']),
  },
  {
    code: 'USD',
    major: new Set(nounForms('доллар').concat(['долларов', '$'])),
    minor: new Set(['цент', 'цента', 'центов', 'центу', 'центами']),
  },
  {
    code: 'EUR',
    major: new Set(['евро', '€']),
    minor: new Set(['цент', 'цента', 'центов', 'евроцент', 'евроцентов']),
  },
];

/** Month names in the genitive and nominative, 1-based. */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['январь', 'января', 'январе'], ['февраль', 'февраля', 'феврале'], ['март', 'марта', 'марте'],
    ['апрель', 'апреля', 'апреле'], ['май', 'мая', 'мае'], ['июнь', 'июня', 'июне'], ['июль', 'июля', 'июле'],
    ['август', 'августа', 'августе'], ['сентябрь', 'сентября', 'сентябре'], ['октябрь', 'октября', 'октябре'],
    ['ноябрь', 'ноября', 'ноябре'], ['декабрь', 'декабря', 'декабре'],
  ].flatMap((words, month) => words.map((word): [string, number] => [word, month + 1])),
);
