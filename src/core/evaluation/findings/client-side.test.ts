import { describe, expect, it } from 'vitest';

import { evaluateScript, findingsOf } from '../../../../test/call-script.ts';

const OPENING = ['M: добрый день компания телеком меня зовут ирина', 'C: здравствуйте у меня вопрос по счёту'];

describe('question ignored', () => {
  it.each([
    ['а сколько это будет стоить', 'так давайте оформим заявку на подключение'],
    ['Когда придёт мастер?', 'угу так я записала ваш адрес'],
    ['почему с меня опять списали деньги', 'так ваш договор открыт на вас'],
    ['а можно ли перенести визит на субботу', 'всего доброго до свидания'],
  ])('is found when «%s» gets «%s»', async (question, reply) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', `C: хорошо ${question}`, `M: ${reply}`, 'C: ну ладно']);
    const [finding] = findingsOf(evaluation, 'question_ignored');
    expect(finding?.turn).toBe(3);
    expect(finding?.recommendation).toContain('Клиент спросил: «');
  });

  it('refers to the time of the question when it is known', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', 'C: хорошо а сколько это будет стоить', 'M: так давайте оформим заявку', 'C: ну ладно'], { timed: true });
    const [finding] = findingsOf(evaluation, 'question_ignored');
    expect(finding?.recommendation).toMatch(/^На \d\d:\d\d клиент спросил: «/u);
  });

  it.each([
    ['а сколько это будет стоить', 'пятьсот рублей в месяц'],
    ['когда придёт мастер', 'завтра с десяти до двенадцати'],
    ['почему списали деньги', 'потому что абонентская плата списывается первого числа'],
    ['а что с роутером', 'роутер исправен проблема на линии мы её устраняем'],
    ['сколько это стоит', 'сейчас уточню у коллег одну минуту'],
    ['когда починят', 'к сожалению точных сроков нет я передам заявку и вам перезвонят'],
  ])('is not found when «%s» is answered with «%s»', async (question, reply) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', `C: хорошо ${question}`, `M: ${reply}`, 'C: понятно спасибо']);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });

  it.each([
    ['а можно ли перенести на субботу', 'да конечно можно'],
    ['Разве это не входит в тариф?', 'нет не входит'],
    ['подключить ли мне приставку тоже', 'конечно подключим сразу'],
    ['сколько ждать', 'подождите пока роутер загрузится'],
    ['Сколько ещё ждать?', 'немного буквально пару секунд'],
  ])('is not found when «%s» is answered with «%s»', async (question, reply) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', `C: хорошо ${question}`, `M: ${reply}`, 'C: понятно спасибо']);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });

  it.each([
    'алло вы меня слышите',
    'Как у вас дела?',
  ])('is not found for the phatic «%s»', async (question) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', `C: ${question}`, 'M: угу', 'C: вот так']);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });

  it('judges a question asked again by its repeat', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'M: слушаю вас',
      'C: а сколько стоит ну вот приставка',
      'M: а',
      'C: приставка сколько стоит у вас',
      'M: четыре тысячи рублей или в рассрочку по триста',
      'C: понятно',
    ]);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });

  it.each([
    ['ну вот хорошо когда может подойти ваш мастер чтобы все мне подключить чтобы у меня был другой тариф', 'а вы нашими услугами пользуетесь по адресу садовая три'],
    ['а когда придёт мастер чтобы мне кабель поменять и роутер заодно посмотреть а то старый', 'так назовите номер договора'],
    ['сколько будет стоить если я на другой тариф перейду который подешевле у вас есть', 'угу а адрес ваш садовая улица верно'],
  ])('is found for the long question «%s»', async (question, reply) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', `C: ${question}`, `M: ${reply}`, 'C: ну да']);
    expect(findingsOf(evaluation, 'question_ignored').map((finding) => finding.turn)).toEqual([3]);
  });

  it.each([
    'извините не расслышала',
    'прошу прощения',
    'простите что вы сказали',
    'повторите пожалуйста',
  ])('judges a question by its repeat after «%s»', async (request) => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'M: по цене еще раз напомните',
      'C: почему',
      `M: ${request}`,
      'C: ну почему у меня так дорого каждый месяц',
      'M: потому что закончилась скидка по акции',
      'C: понятно',
    ]);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });

  it.each(['так секундочку', 'одну минуту', 'один момент сейчас'])('is not found when the manager answers «%s» and looks it up', async (hold) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', 'C: а сколько стоит приставка', `M: ${hold}`, 'C: угу', 'M: вижу угу', 'C: да', 'M: смотрите давайте сделаем так']);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });

  it.each([
    'на текущий момент заявка в процессе',
    'в данный момент оформляем расторжение',
  ])('is found when «%s» only mentions a moment', async (reply) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', 'C: а сколько стоит справка', `M: ${reply}`, 'C: ну ладно']);
    expect(findingsOf(evaluation, 'question_ignored').map((finding) => finding.turn)).toEqual([3]);
  });

  it.each([
    'я не знаю почему так вышло',
    'объясню почему интернет не работает',
    'когда я пришла домой интернета уже не было',
    'а когда жду вашего специалиста месяц и ничего',
    'когда открываешь приложение он не высвечивается',
    'когда звоню на горячую линию там одни автоответчики',
  ])('is not found in a statement «%s»', async (statement) => {
    const evaluation = await evaluateScript([...OPENING, 'M: слушаю вас', `C: ${statement}`, 'M: угу', 'C: вот так']);
    expect(findingsOf(evaluation, 'question_ignored')).toEqual([]);
  });
});

describe('client dissatisfied', () => {
  it.each([
    'это издевательство я жалобу напишу',
    'Это просто безобразие, я буду отказываться от ваших услуг!',
    'невозможно до вас дозвониться третий день',
    'я ничего не понял из того что вы сказали',
    'замечательно я просто уйду к другому провайдеру',
    'вы что издеваетесь надо мной',
  ])('is found when the client ends with «%s»', async (complaint) => {
    const evaluation = await evaluateScript([...OPENING, 'M: мастер придёт в течение недели', `C: ${complaint}`, 'M: всего доброго']);
    const [finding] = findingsOf(evaluation, 'client_dissatisfied');
    expect(finding?.turn).toBe(3);
    expect(evaluation.client.sentimentEnd).toBe('negative');
  });

  it('is not found when warm thanks follow the complaint', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: это просто безобразие третий день без интернета',
      'M: понимаю вас сейчас перезагружу порт',
      'C: о всё заработало спасибо вам огромное',
      'M: всего доброго',
    ]);
    expect(findingsOf(evaluation, 'client_dissatisfied')).toEqual([]);
    expect(evaluation.client.sentimentEnd).toBe('positive');
  });

  it('is not found in a calm call', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: мастер придёт завтра', 'C: хорошо спасибо', 'M: всего доброго']);
    expect(findingsOf(evaluation, 'client_dissatisfied')).toEqual([]);
    expect(evaluation.client.sentimentStart).toBe('neutral');
  });
});

describe('no solution', () => {
  it('is found when the client\'s problem is left hanging', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: у меня каналы повторяются по телевизору уже неделю',
      'M: ну бывает такое',
      'C: и что мне делать',
      'M: ну не знаю',
      'C: ладно до свидания',
      'M: до свидания',
    ]);
    const [finding] = findingsOf(evaluation, 'no_solution');
    expect(finding?.quote).toContain('повторяются');
  });

  it.each([
    'M: создала заявку мастер придёт завтра с десяти до двенадцати',
    'M: сейчас переведу вас на технического специалиста',
    'M: перезагрузила порт всё заработало',
  ])('is not found after «%s»', async (step) => {
    const evaluation = await evaluateScript([...OPENING, 'C: у меня не работает интернет уже неделю', step, 'C: хорошо спасибо', 'M: всего доброго']);
    expect(findingsOf(evaluation, 'no_solution')).toEqual([]);
  });

  it('is not found when the client decides to think it over', async () => {
    const evaluation = await evaluateScript([...OPENING, 'C: хочу поменять тариф', 'M: есть тариф за семьсот', 'C: я подумаю сам перезвоню', 'M: хорошо до свидания']);
    expect(findingsOf(evaluation, 'no_solution')).toEqual([]);
  });

  it.each([
    'нет пока не решили но каналы так и будут повторяться по телевизору',
    'я подумаю а вот интернет у нас всё равно постоянно пропадает',
    'пока не надо но почему с меня опять списали деньги',
  ])('is found for a problem raised after the decision «%s»', async (turn) => {
    const evaluation = await evaluateScript([...OPENING, 'M: можем предложить новую приставку за три девятьсот', `C: ${turn}`, 'M: ну хорошо', 'C: ну вот так', 'M: тогда до свидания']);
    expect(findingsOf(evaluation, 'no_solution').map((finding) => finding.turn)).toEqual([3]);
  });

  it.each([
    'каналы повторяются ну ладно я подумаю',
    'интернет пропадает но пока не надо ничего',
  ])('is not found when the decision follows the problem «%s»', async (turn) => {
    const evaluation = await evaluateScript([...OPENING, 'M: можем предложить новую приставку за три девятьсот', `C: ${turn}`, 'M: ну хорошо', 'C: ну вот так', 'M: тогда до свидания']);
    expect(findingsOf(evaluation, 'no_solution')).toEqual([]);
  });

  it.each([
    'долго волокита ничего там не вернёшь',
    'у них всё равно ничего не пересчитаешь',
  ])('is not found for the resigned remark «%s»', async (remark) => {
    const evaluation = await evaluateScript([...OPENING, 'M: деньги ушли в другую организацию', `C: ${remark}`, 'M: ну стоит попробовать', 'C: ладно спасибо', 'M: до свидания']);
    expect(findingsOf(evaluation, 'no_solution')).toEqual([]);
  });

  it.each([
    'вы мне деньги так и не вернули',
    'мы до вас не можем дозвониться',
  ])('is found for the request «%s» left hanging', async (request) => {
    const evaluation = await evaluateScript([...OPENING, 'M: деньги ушли в другую организацию', `C: ${request}`, 'M: ну стоит попробовать', 'C: ладно спасибо', 'M: до свидания']);
    expect(findingsOf(evaluation, 'no_solution').map((finding) => finding.turn)).toEqual([3]);
  });
});

describe('interruption', () => {
  it('is found when the manager talks over the client twice', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: я вам объясняю ситуацию у нас квартиранты жили с октября и платили за интернет сами',
      'M^: нет подождите вы не так всё поняли',
      'C: дайте договорить я говорю что с октября по январь там никто не жил',
      'M^: ну это не важно у вас долг',
      'C: как не важно',
    ]);
    const [finding] = findingsOf(evaluation, 'interruption');
    expect(finding?.turn).toBe(3);
    expect(finding?.quote).toBe('нет подождите вы не так всё поняли');
    expect(finding?.evidence.map((place) => place.turn)).toEqual([5]);
    expect(evaluation.metrics.interruptions).toBe(2);
  });

  it('is found when one cut-in takes the floor', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: я вам объясняю ситуацию у нас квартиранты жили с октября и платили за интернет сами',
      'M^: так смотрите по договору платить должен владелец квартиры а не квартиранты это прописано',
      'C: ну да',
    ]);
    expect(findingsOf(evaluation, 'interruption')).toHaveLength(1);
  });

  it('is found when the client goes on over the manager', async () => {
    const { buildTranscript, loadEngine } = await import('../../../../test/call-script.ts');
    const { evaluateCall } = await import('../evaluate-call.ts');
    const engine = await loadEngine();
    const transcript = buildTranscript([
      ...OPENING,
      'C: у меня очень плохой интернет скорость постоянно',
      'M: подскажите ваш адрес пожалуйста',
      'C: падает и обрывы каждый вечер вот уже неделю',
      'M: так давайте адрес продиктуйте мне сейчас',
      'C: то есть я не могу работать из дома совсем',
      'M: хорошо',
    ]);
    for (const position of [4, 6]) {
      const turn = transcript.turns[position];
      if (turn !== undefined) {
        turn.overlapsTurn = position - 1;
      }
    }
    const evaluation = evaluateCall(transcript, engine.checklist, { morphology: engine.morphology, timeZone: 'Europe/Moscow' });
    const [finding] = findingsOf(evaluation, 'interruption');
    expect(finding?.turn).toBe(3);
    expect(finding?.evidence.map((place) => place.turn)).toEqual([5]);
  });

  it('counts a single short cut-in only in the metrics', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: я вам объясняю ситуацию у нас квартиранты жили с октября и платили за интернет сами',
      'M^: нет вы не поняли',
      'C: дайте договорить',
    ]);
    expect(findingsOf(evaluation, 'interruption')).toEqual([]);
    expect(evaluation.metrics.interruptions).toBe(1);
  });

  it.each(['угу', 'да да', 'так', 'понятно', 'пятьсот двадцать'])('is not found for the backchannel or echo «%s»', async (fragment) => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: номер договора пятьсот двадцать три девяносто один ноль ноль',
      `M^: ${fragment}`,
      'C: всё правильно',
    ]);
    expect(findingsOf(evaluation, 'interruption')).toEqual([]);
  });

  it('counts fragments inside one client sentence as one episode', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: мы с мужем уезжали на два месяца и всё это время интернетом никто не пользовался',
      'M^: так вы могли',
      'M^: приостановить договор заранее',
      'C: а почему мне никто об этом не сказал',
      'M: это есть в договоре',
    ]);
    expect(evaluation.metrics.interruptions).toBe(1);
  });

  it.each([
    ['a request to hold', 'минуточку подождите пожалуйста'],
    ['a line problem', 'алло вас не слышно совсем'],
    ['a goodbye', 'и вам всего доброго до свидания'],
  ])('is not counted for %s over the client', async (_name, fragment) => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: спасибо вам большое за помощь всего доброго до свидания',
      `M^: ${fragment}`,
      'C: до свидания',
    ]);
    expect(evaluation.metrics.interruptions).toBe(0);
  });

  it.each([
    'C: а по кабелю сколько',
    'C: А роутер какой нужен?',
  ])('is not counted when the manager goes on after the interjection «%s»', async (interjection) => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'M: смотрите по вайфаю скорость будет до трёхсот а по кабелю скорость у него гораздо стабильнее',
      interjection,
      'M^: по кабелю до тысячи мегабит то есть если захотите подключить компьютер',
      'C: понятно',
    ]);
    expect(evaluation.metrics.interruptions).toBe(0);
  });

  it.each([
    'C: да можно нас не уведомили просто об этом а когда ближайшая дата',
    'C: я поняла роутер свой вашими силами подключить а сколько стоит',
    'C: ну хорошо а это уже другая компания или нет',
    'C: приставку в рассрочку взять можно ли у вас',
  ])('is not counted for an answer over the question «%s»', async (question) => {
    const evaluation = await evaluateScript([
      ...OPENING,
      question,
      'M^: смотрите обычно уведомление приходит в течение двух суток по смс на телефон',
      'C: понятно',
    ]);
    expect(evaluation.metrics.interruptions).toBe(0);
    expect(findingsOf(evaluation, 'interruption')).toEqual([]);
  });

  it.each([
    'C: да можно нас не уведомили просто об этом вот мы и не знали',
    'C: я поняла а роутер у нас свой мы его в магазине покупали давно',
    'C: сколько раз я вам звонила и никто так и не приехал ни разу',
  ])('is found for a long cut-in into the statement «%s»', async (statement) => {
    const evaluation = await evaluateScript([
      ...OPENING,
      statement,
      'M^: смотрите обычно уведомление приходит в течение двух суток по смс на телефон',
      'C: понятно',
    ]);
    expect(evaluation.metrics.interruptions).toBe(1);
    expect(findingsOf(evaluation, 'interruption').map((finding) => finding.turn)).toEqual([3]);
  });

  it.each([
    'C: нет добрый добрый да',
    'C: алло здравствуйте да да',
  ])('is not counted over the greeting «%s»', async (greeting) => {
    const evaluation = await evaluateScript([
      'C: алло',
      'M: алло',
      greeting,
      'M^: добрый день лариса павловна компания телеком удобно говорить',
      'C: удобно',
    ]);
    expect(evaluation.metrics.interruptions).toBe(0);
  });

  it.each([
    ['C: списание когда будет семнадцатого февраля да а то на месяц ещё хватает денег', 'M^: семнадцатого числа у вас ээ каждый месяц семнадцатого'],
    ['C: не сильно поняла у меня контактный телефон записан старый', 'M^: телефон контактный семьдесят пять восемьдесят девять могу передать да'],
  ])('is not found for one cut-in of echoes and numbers «%s»', async (client, manager) => {
    const evaluation = await evaluateScript([...OPENING, client, manager, 'C: да да']);
    expect(evaluation.metrics.interruptions).toBe(1);
    expect(findingsOf(evaluation, 'interruption')).toEqual([]);
  });

  it.each([
    ['C: нет не подписали я не стала подписывать потому что я и говорю кто будет менять столешницу', 'M^: значит надо было сразу писать замечания в акт'],
    ['C: мы с мужем уезжали на два месяца и всё это время интернетом не пользовались', 'M^: вам надо было заранее приостановить договор через кабинет'],
  ])('is found for one cut-in with a sentence of its own after «%s»', async (client, manager) => {
    const evaluation = await evaluateScript([...OPENING, client, manager, 'C: ну да']);
    expect(findingsOf(evaluation, 'interruption').map((finding) => finding.turn)).toEqual([3]);
  });

  it.each([
    ['C: угу спасибо нам такое не интересует совсем', 'M^: не пользуетесь подписками ничего не смотрите фильмы сериалы'],
    ['C: у нас интернет постоянно пропадает по вечерам', 'M^: ну ой а интернет у вас по вечерам пропадает да'],
  ])('is not found for one cut-in of particles and echoes after «%s»', async (client, manager) => {
    const evaluation = await evaluateScript([...OPENING, client, manager, 'C: ну да']);
    expect(findingsOf(evaluation, 'interruption')).toEqual([]);
  });

  it('is not counted when the client has just given the floor', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: так девушка я вас слушаю говорите',
      'M^: скажите пожалуйста проблема на всех устройствах или только на компьютере',
      'C: на всех',
    ]);
    expect(evaluation.metrics.interruptions).toBe(0);
  });

  it.each([
    ['да', 'да улица садовая дом пять'],
    ['а', 'а город самара улица садовая пять'],
    ['нет', 'нет адрес тот же что в договоре'],
  ])('is not counted when the client replies «%s» over the question', async (_opener, reply) => {
    const { buildTranscript, loadEngine } = await import('../../../../test/call-script.ts');
    const { evaluateCall } = await import('../evaluate-call.ts');
    const engine = await loadEngine();
    const transcript = buildTranscript([...OPENING, 'C: мастер обещал прийти вчера и так и не пришёл', 'M: назовите адрес подключения', `C: ${reply}`, 'M: вижу заявку']);
    const answer = transcript.turns[4];
    if (answer !== undefined) {
      answer.overlapsTurn = 3;
    }
    const evaluation = evaluateCall(transcript, engine.checklist, { morphology: engine.morphology, timeZone: 'Europe/Moscow' });
    expect(evaluation.metrics.interruptions).toBe(0);
  });

  it('uses overlaps measured on the signal', async () => {
    const { buildTranscript, loadEngine } = await import('../../../../test/call-script.ts');
    const { evaluateCall } = await import('../evaluate-call.ts');
    const engine = await loadEngine();
    const transcript = buildTranscript([...OPENING, 'M: давайте я проверю вашу линию сейчас', 'C: хорошо'], { timed: true });
    const managerTurn = transcript.turns[2];
    transcript.signal = {
      durationSec: 20,
      talkSec: { manager: 8, client: 6 },
      silenceSec: 6,
      pauses: [],
      overlaps: [{ startSec: managerTurn?.startSec ?? 0, endSec: (managerTurn?.startSec ?? 0) + 2, by: 'manager' }],
      longestManagerMonologueSec: 4,
    };
    const evaluation = evaluateCall(transcript, engine.checklist, { morphology: engine.morphology, timeZone: 'Europe/Moscow' });
    expect(findingsOf(evaluation, 'interruption')[0]?.turn).toBe(2);
    expect(evaluation.metrics.managerTalkShare).toBe(0.571);
  });
});

describe('long hold', () => {
  it('is found for a silence without a warning', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: назовите номер договора', 'C: пятьсот двадцать три', '~ 90', 'M: так вижу ваш договор'], { timed: true });
    const [finding] = findingsOf(evaluation, 'long_hold');
    expect(finding?.explanation).toContain('90 секунд');
    expect(finding?.recommendation).toMatch(/^На \d\d:\d\d после слов «/u);
  });

  it.each([
    'минуточку я уточню',
    'Подождите, пожалуйста, я проверю.',
    'оставайтесь на линии',
    'сейчас посмотрю одну секунду',
  ])('is excused by the warning «%s»', async (warning) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${warning}`, '~ 90', 'M: спасибо за ожидание'], { timed: true });
    expect(findingsOf(evaluation, 'long_hold')).toEqual([]);
  });

  it('is found when turns have only start times', async () => {
    const { buildTranscript, loadEngine } = await import('../../../../test/call-script.ts');
    const { evaluateCall } = await import('../evaluate-call.ts');
    const engine = await loadEngine();
    const transcript = buildTranscript([...OPENING, 'M: так', '~ 137', 'C: алло вы здесь', 'M: да ваш заказ на производстве'], { timed: true });
    for (const turn of transcript.turns) {
      turn.endSec = null;
    }
    const evaluation = evaluateCall(transcript, engine.checklist, { morphology: engine.morphology, timeZone: 'Europe/Moscow' });
    const [finding] = findingsOf(evaluation, 'long_hold');
    expect(finding?.turn).toBe(2);
    expect(evaluation.metrics.silenceSec).toBeNull();
  });

  it('is not found for a pause under the limit', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: назовите номер договора', '~ 30', 'C: пятьсот двадцать три'], { timed: true });
    expect(findingsOf(evaluation, 'long_hold')).toEqual([]);
  });

  it('is not found in an untimed transcript', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: назовите номер договора', '~ 300', 'C: пятьсот двадцать три']);
    expect(findingsOf(evaluation, 'long_hold')).toEqual([]);
  });
});
