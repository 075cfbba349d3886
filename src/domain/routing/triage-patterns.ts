/**
 * What kind of acute danger a message describes; `unspecified` when the signs say danger
 * without saying which (a phrase in another language, or what the classifier learned).
 */
export type EmergencyKind = 'medical' | 'suicide' | 'violence' | 'child' | 'fire' | 'missing' | 'unspecified';

/**
 * One way a message can describe acute danger: every pattern must match somewhere in it.
 * A strong signal describes danger here and now and fires whatever else the message says.
 * A contextual one is ignored when the message is calm: about the past, "not urgent", or about
 * an organisation's work, a course or a grant ("we support women subjected to violence").
 */
interface Signal {
  readonly kind: EmergencyKind;
  /** Global copies of the patterns: every match is checked for a negation before it. */
  readonly all: readonly RegExp[];
  readonly strong: boolean;
}

const signal = (kind: EmergencyKind, strong: boolean, ...all: RegExp[]): Signal => ({
  kind,
  strong,
  all: all.map((pattern) => new RegExp(pattern.source, 'g')),
});

// Patterns run on folded text: lower case, å/ä → a, ö → o, one space between words
// (normalize.ts). "[^.!?]{0,n}" keeps two parts in one sentence; "[\s\S]{0,n}" lets them span
// the short sentences people write in distress ("Hon faller. Hon pratar inte.").
const CHILD = /(?:barn|bebis|unge|smabarn|pojke|flicka|baby|child|kid|toddler|infant|little (?:boy|girl))/;
const PERSON_DOWN =
  /(?:svarar inte|ror sig inte|reagerar inte|vaknar inte|kommer inte upp|kan inte (?:resa sig|ta sig upp|komma upp)|pratar inte|andas (?:\w+ )?(?:inte|knappt|konstigt)|not (?:responding|moving|breathing|answering)|wo not (?:answer|respond|wake)|ca not get up)/;

const signals: Signal[] = [
  // Someone's body is failing now.
  signal(
    'medical',
    true,
    /(?:andas (?:\w+ )?(?:inte|knappt|konstigt|jattekonstigt|dalig)|slutat andas|kan inte andas|far inte (?:nagon )?luft|medvetslos|livlos|gar inte att vacka|hjartstopp|hjartattack|hjartinfarkt|ont i brostet|tryck over brostet|mungipa\w* hanger|ansiktet hanger|hanger i ansiktet|sluddr|kan (?:plotsligt )?inte rora (?:ena|sin|sina|hoger|vanster)|allergisk chock|kollaps|segnat ihop|fallit ihop|overdos|forgiftad|forgiftning|drunkn|blivit bla\b|ar bla i ansiktet|svarar inte och (?:ar|andas|ror)|ar helt kall|anfall som inte (?:slutar|gar over)|kramp(?:anfall|ar)|skriker (?:pa|efter) hjalp|ropar (?:pa|efter) hjalp)/,
  ),
  signal(
    'medical',
    true,
    /(?:not breathing|stopped breathing|(?:can not|ca not|struggling to|trouble) breath|unconscious|unresponsive|(?:wo not|does not|does not|will not|not) wak(?:e|ing) up|heart attack|chest pains?|(?:is |he'?s |she'?s )?having a (?:stroke|seizure|heart attack)|face is drooping|slurred|ca not move (?:his|her|one|their) (?:arm|leg|side)|seizure (?:that|which) (?:wo not|does not) stop|overdos|choking|drowning|collapsed|anaphyla|turning blue|turned blue|is blue|passed out|screaming for help|crying for help|calling for help)/,
  ),
  signal(
    'medical',
    true,
    /(?:gatt|gick|ramlat|trillat|fallit|fell|fallen|gone) (?:ner |rakt )?(?:i|igenom|genom|through|into|in) (?:isen|vattnet|sjon|havet|the ice|the water|the lake|the sea|the river)/,
  ),
  signal(
    'medical',
    true,
    /(?:tagit|tog|svalt|svalde|atit|druckit|took|swallowed|taken|drank)\b[^.!?]{0,30}(?:tvattmedel|rengoringsmedel|diskmedel|klorin|\blut\b|frostskyddsvatska|\bgift\b|bleach|detergent|poison|antifreeze)/,
  ),
  signal(
    'medical',
    true,
    /(?:tagit|tog|svalt|svalde|atit|took|swallowed|taken)\b[^.!?]{0,20}(?:en massa|massa|manga|for manga|alla|en hel|hela|a lot of|lots of|too many|all (?:my|the|his|her)|a bunch of|a whole|many)\b[^.!?]{0,20}(?:tabletter|piller|mediciner|somntabletter|pills|tablets|meds|medication|painkillers)/,
  ),
  signal(
    'medical',
    true,
    /(?:tabletter|piller|pills|tablets)\b[\s\S]{0,40}(?:helt borta|mar konstigt|mar jattekonstigt|svarar inte|feel (?:really )?(?:strange|weird|dizzy)|ca not stay awake)/,
  ),
  signal('medical', true, /(?:golvet|marken|backen|the floor|the ground)\b/, PERSON_DOWN),
  signal(
    'medical',
    true,
    /(?:ramlat|fallit|trillat|svimmat|ramlar|faller|fell|fallen|collapsed|fainted)\b/,
    /(?:svarar inte|vaknar inte|blod|medvetslos|kommer inte upp|kan inte (?:resa|ta sig|komma) upp|pratar inte|ror sig inte|not (?:responding|answering|moving)|wo not answer|blood|bleeding|unconscious|ca not get up)/,
  ),
  signal('medical', true, /(?:ring|ringa|skicka|behover|behovs) (?:en )?ambulans|(?:call|need|send) (?:an )?ambulance/),
  signal(
    'medical',
    true,
    /(?:har fatt|far|fatt) (?:en )?stroke (?:nu|just nu)|tror (?:att )?(?:\w+ ){0,3}(?:har fatt|far) (?:en )?stroke|think (?:he|she|they|it|my \w+)(?:'s| is| has| had)? (?:having |had )?a stroke/,
  ),
  signal('medical', false, /(?:bloder|blodar|bleeding)\b/),
  signal('medical', true, /(?:har (?:just )?svimmat|svimmat och|ar avsvimmad)/),
  signal('medical', false, /(?:svimmat|svimmade|svimmar|fainted)\b/),

  // Someone may take their own life, said straight out or not.
  signal(
    'suicide',
    true,
    /(?:orkar inte (?:leva|lev)|vill inte (?:leva|finnas|vara kvar|vakna)|vill (?:bara )?do\b|ta livet av mig|ta mitt (?:eget )?liv|gora slut pa (?:allt|mitt liv|mig|livet)|avsluta (?:mitt liv|allt|livet)|avskedsbrev|battre utan mig|slipper (?:alla )?mig|ingen (?:kommer|skulle) (?:att )?sakna mig|inte finns (?:mer|langre)|inte fanns (?:mer|langre)?|forsvinna for alltid|skada mig sjalv|skar mig|(?:tanker pa|funderar pa|overvager|planerar|ska begå|tankar pa) sjalvmord|inte vill leva)/,
  ),
  signal(
    'suicide',
    true,
    /(?:kill myself|killing myself|end (?:my life|it all|everything)|take my (?:own )?life|(?:do not|do not) want to (?:live|be alive|be here|exist|wake up)|want to die|wanna die|better off without me|suicide note|goodbye letters?|hurt(?:ing)? myself|cut(?:ting)? myself|no (?:reason|point) (?:to|in) (?:live|living)|want (?:it all|everything|this|my life) to end|wish i (?:was|were) dead|nobody would miss me|no one (?:would|will) miss me|disappear forever|suicidal|suicide (?:thoughts|plan)|thinking (?:about|of) (?:suicide|killing)|commit suicide)/,
  ),
  signal(
    'suicide',
    true,
    /(?:hotar|pratar om|sager att (?:han|hon|hen) ska|ska|tanker|vill|forsoker|planerar) (?:att )?ta (?:livet av sig|sitt (?:eget )?liv)|(?:threaten\w*|talking about|going to|wants? to|trying to|plans? to) (?:kill (?:himself|herself|themselves)|end (?:his|her|their) (?:own )?life|take (?:his|her|their) (?:own )?life)/,
  ),
  signal(
    'suicide',
    true,
    /(?:samlat (?:pa mig )?(?:tabletter|piller)|(?:tabletter|piller)\b[^.!?]{0,30}(?:tanker|ska) ta (?:dem|alla)|(?:ska|vill|tanker|gonna|going to|want to|wanna) (?:att )?(?:hoppa|jump)\b(?! (?:in|on board|at the chance))|(?:star|sitter) pa (?:bron|taket|kanten)|(?:standing|sitting) on (?:the|a) (?:bridge|roof|ledge|edge))/,
  ),
  // Despair together with a decision, a plan or a farewell.
  signal(
    'suicide',
    true,
    /(?:orkar inte (?:mer|langre)|ingen (?:ide|mening)|hopplos|forsvinna|ca not (?:go on|take it)|no point|hopeless|give up on life)/,
    /(?:har (?:en plan|bestamt mig|sagt hejda|skrivit ett brev)|i natt|ikvall|i kvall|have a plan|made up my mind|said goodbye|tonight)/,
  ),
  signal('suicide', false, /(?:sjalvmordstankar|suicidal)/),
  signal('suicide', false, /(?:ingen (?:ide|mening) (?:langre|med nagonting|med allt|att leva))/),

  // Violence now or an immediate threat.
  signal(
    'violence',
    true,
    /(?:slar|sparkar|misshandlar|stryper|knivhugger|attackerar|hotar|hotat|skadar|forfoljer|tar struptag pa) (?:mig|oss|henne|honom|hen|sin (?:fru|man|sambo|flickvan|pojkvan|partner|dotter|son|mamma|pappa)|sina barn|barnen|barnet|mamma|pappa|min (?:mamma|pappa|syster|bror|son|dotter))\b/,
  ),
  signal(
    'violence',
    true,
    /(?:hitting|beating|hits|beats|kicking|strangling|choking|attacking|stabbing|threatening|hurting|threatened) (?:me|us|her|him|them|his (?:wife|girlfriend|partner|kids|children|son|daughter)|her (?:husband|boyfriend|partner|kids|children)|the (?:kids|children|baby|child)|my (?:mom|mum|mother|dad|father|sister|brother|son|daughter))\b/,
  ),
  signal(
    'violence',
    true,
    /(?:blir (?:slag|misshandl|hotad|knivhugg|attacker|forfoljd|skjuten)\w*|knivhuggen|knivskuren|skjuten|hotar att doda|ska doda|har (?:en |ett )?(?:kniv|vapen|pistol|gevar|yxa)|med (?:en )?(?:kniv|pistol|vapen)\b|viftar med|(?:nagon|nan|en man|nagra) (?:bryter sig in|forsoker ta sig in)|skottlossning|skjuter|slagsmal|slass\b|hor (?:skrik|hur \w+ (?:blir slag|skrik)))/,
  ),
  signal(
    'violence',
    true,
    /(?:threaten\w* to kill|going to kill|has a (?:knife|gun|weapon)|with a (?:knife|gun)|being (?:hit|beaten|attacked|abused|stabbed|followed|stalked)|been stabbed|been shot|(?:someone|somebody|a man|people) (?:is |are )?(?:breaking|trying to break) in|shooting|gunshots?|a fight (?:going on|outside|in)|screaming and)/,
  ),
  signal(
    'violence',
    false,
    /(?:misshandel|vald|hot|slar|radd for (?:min|honom|henne|att han|att hon))\b[\s\S]{0,50}(?:\bnu\b|just nu|ikvall|hemma|inatt)|(?:violence|abuse|afraid of (?:my|him|her))\b[\s\S]{0,50}(?:now|tonight|at home)\b/,
  ),
  signal('violence', false, /(?:radd|afraid|scared)\b/, /(?:forfoljd|forfoljer|following me|followed|stalk)/),

  // A child in danger.
  signal(
    'child',
    true,
    CHILD,
    /(?:ensam\w* (?:i (?:en |sin )?(?:het |varm )?bil|hemma|ute pa|pa bryggan|vid (?:vattnet|sjon|bryggan))|i (?:en )?(?:het|varm|stekhet) bil|i vattnet|nara vattnet|ingen vuxen|utan (?:en )?vuxen|har forsvunnit|ar forsvunnen|(?:alone|left|locked) (?:in (?:a|the) (?:hot )?car|at home|on the|by the|near the)|in the water|near the water|no adults?\b|without (?:an )?adult|is missing|has gone missing|ca not be found)/,
  ),
  signal('child', true, /(?:hittar inte (?:mitt barn|min son|min dotter|barnet|barnen|min lilla)|ca not find my (?:child|son|daughter|kid|baby))/),
  signal('child', true, /(?:isen|the ice)\b[^.!?]{0,40}(?:spruckit|brister|brusten|sprack|cracked|cracking|breaking)/),

  // Fire, smoke or gas.
  signal(
    'fire',
    true,
    /(?:det brinner(?! i knutarna)|brinner (?:i|pa|hos|ute|nu)(?! knutarna)|(?:huset|lagenheten|koket|bilen|skogen|grannhuset|villan|taket|garaget|ladan|forradet) brinner|eldsvada|lagor (?:fran|ur|i)|kommer (?:det )?(?:rok|lagor)|rok (?:kommer|fran|ur|tranger|i trapphuset|overallt|ut)|ryker (?:fran|ur|kraftigt)|luktar gas|gaslukt|gaslacka)/,
  ),
  signal('fire', true, /(?:on fire|is burning|(?:fire|flames|smoke) (?:is |are )?(?:coming|in|at|from|everywhere|pouring)|smell(?:s)? (?:of )?gas|gas leak)/),
  signal('fire', false, /(?:^| )brand (?:i|pa|hos)\b/),

  // A person with dementia who has gone missing.
  signal(
    'missing',
    true,
    /(?:demen|alzheimer|minnessjuk|glomsk)/,
    /(?:forsvunn|kommit bort|gatt vilse|gick (?:ut|hemifran)|ar borta|hittar (?:inte|honom inte|henne inte)|inte kommit hem|ingen vet var)/,
  ),
  signal('missing', true, /(?:dementia|alzheimer)/, /(?:missing|wandered|disappeared|ca not find|can not find|has not come (?:back|home)|got lost|is lost)/),
];

// Reasons to read a contextual signal as not acute.
const NOT_ACUTE = /(?:inte akut|ej akut|inget akut|inte brattom|not urgent|not an emergency|no emergency)/;
const PAST =
  /(?:forra (?:aret|veckan|manaden|sommaren|vintern|gangen)|for \w+ (?:ar|veckor|manader|dagar) sedan|for lange sedan|tidigare i ar|last (?:year|week|month|summer|winter|time)|years ago|months ago|weeks ago|\bsince (?:his|her|my|the)\b)/;
const ORGANISATIONAL =
  /(?:forening|organisation|jour\b|jouren|stodlinje|projekt|forelas|kurs\b|kurser|utbildning|prevention|forebygg|bidrag|ansok|verksamhet|arbetar med|jobbar med|engagera|lasecirkel|association|organi[sz]ation|course|training|lecture|workshop|grant|volunteer|volontar|awareness|seminar)/;

/**
 * Acute danger in Swedish and English by patterns over the folded text (lower case, å/ä → a,
 * ö → o, one space between words): the direct and indirect ways people write it, tuned on what
 * they really wrote. Strong signals fire whatever else the message says; contextual ones only
 * when the message is not calm (about the past, "not urgent", or an organisation's work).
 */
export function patternKinds(folded: string): EmergencyKind[] {
  const calm = NOT_ACUTE.test(folded) || PAST.test(folded) || ORGANISATIONAL.test(folded);
  const kinds = new Set<EmergencyKind>();
  for (const { kind, strong, all } of signals) {
    if ((strong || !calm) && all.every((pattern) => saidWithoutNegation(pattern, folded))) kinds.add(kind);
  }
  return [...kinds];
}

// "Jag vill inte skada mig själv", "I'm not going to hurt myself": a danger said with a negation just before it is not said.
const NEGATED_BEFORE = /\b(?:inte|ej|aldrig|icke|not|never)\s+(?:\S+\s+)?$/;

// An exec loop on the pattern itself rather than matchAll, which copies the pattern on every call:
// every routed message is checked against every signal.
function saidWithoutNegation(pattern: RegExp, folded: string): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
    if (!NEGATED_BEFORE.test(folded.slice(Math.max(0, match.index - 24), match.index))) {
      pattern.lastIndex = 0;
      return true;
    }
    if (match[0] === '') pattern.lastIndex += 1;
  }
  return false;
}
