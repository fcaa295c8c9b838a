/**
 * Word lists the abuse rules are built from, as regular-expression alternations (no nested
 * repetition). Kept apart from the rules so a reviewer can read the vocabulary and the grammar
 * separately; each list says what belongs in it.
 */

/** Nouns that insult a person when said of them ("you absolute cretin", "you're a parasite"). */
export const INSULT_NOUN =
  '(?:idiot|moron|imbecile|cretin|fool|clown|loser|halfwit|half-wit|dimwit|nitwit|numpty|muppet|pillock|plonker|prat|twit|buffoon|dunce|simpleton|degenerate|scumbag|scum|lowlife|low-life|parasite|troll|freak|creep|cockroach|vermin|retard|waste of (?:space|oxygen|skin|air)|piece of (?:garbage|trash|work|filth|scum|rubbish|excrement)|sad little (?:man|woman|boy|girl|person)|nobody|nonentity|gammon|simp|bellend|knobhead|tosser|dickhead|wanker|twat|coward|bigot|hypocrite|snake|rat|pig|slug|leech|bottom feeder|sheep' +
  // Added for issue 19's second round: common English insult nouns, none of which is also a verb
  // that takes an object right after "you" (that is guarded in the vocative rule).
  '|worm|maggot|weasel|toad|hag|crone|harpy|crank|ghoul|dinosaur|troglodyte|neanderthal|caveman|prig|oaf|lout|yob|thug|lunatic|nutter|nutcase|psycho|crackpot|fruitcake|headcase|nincompoop|ignoramus|dolt|dullard|airhead|bonehead|blockhead|meathead|dork|plank|snowflake|charlatan|fraud|grifter|sociopath|psychopath|weirdo|saddo|sicko|deviant|pervert|wretch|scrote|toerag|goon|keyboard warrior|jackass|lemming' +
  '|(?:joke|excuse|apology|disgrace|embarrassment) (?:of|for) an? (?:man|woman|person|human being|human|adult|journalist|commenter))s?';

/** Adjectives that sharpen an insult noun ("sad, lonely creep"); harmless without one. */
export const INSULT_ADJ =
  '(?:stupid|thick|dumb|brainless|pathetic|worthless|useless|ignorant|clueless|deluded|braindead|brain-dead|mindless|spineless|gutless|vile|disgusting|despicable|subhuman|dim|dense|senile|demented|moronic|idiotic|retarded|ugly|fat|smelly|sad|little|old|silly|bloody|absolute|complete|total|utter|right|proper|miserable|nasty|lying|hateful|bigoted|inbred|pompous|bitter|arrogant|smug|gormless|witless|feeble-minded|village|fucking|fuckin|effing|frigging|freaking|sodding|bleeding|damn|goddamn|flaming' +
  '|sanctimonious|repulsive|revolting|odious|loathsome|wretched|snivelling|sniveling|brainwashed|unhinged|deranged|delusional|lonely|dozy|dopey|daft|obnoxious|repugnant|insufferable|contemptible|pitiful|shameless|grubby|slimy|creepy|spiteful|vindictive|petty|sneering|whining|whinging|snide|illiterate|uneducated|decrepit|vacuous|vapid|evil|twisted|sick|poisonous|toxic|cowardly|gutter|washed-up|jumped-up|two-faced|self-righteous|glory-hunting|pig-ignorant' +
  '|(?:pea|bird|lame|half|dim|slow|small|narrow|simple|feeble|thick|empty|bone|knuckle|mouth)-(?:brained|witted|minded|headed|dragging|breathing)' +
  '|[a-z]+[*#@]+[a-z]*)';

/** Adjectives harsh enough to insult with a plain person noun ("you vile little man"). */
export const HARSH =
  '(?:pathetic|worthless|vile|disgusting|despicable|spineless|gutless|sad|miserable|nasty|hateful|ignorant|stupid|thick|brainless|horrible|repulsive|revolting|wretched|odious|loathsome|small-minded|bitter|sanctimonious|obnoxious|snivelling|sniveling|creepy|contemptible|insufferable|slimy|twisted|evil|deranged|unhinged|cowardly|two-faced)';

/** Superlatives that make "you are the …est person here" an insult. */
export const WORST =
  '(?:dumbest|stupidest|thickest|dimmest|densest|nastiest|ugliest|vilest|saddest|sorriest|most (?:stupid|ignorant|pathetic|clueless|repulsive|vile|disgusting|hateful|obnoxious|odious|idiotic|deluded|loathsome|moronic|brainless|gormless|insufferable|sanctimonious|revolting|contemptible|deranged|unhinged|spineless)|biggest (?:idiot|moron|fool|clown|loser|troll|hypocrite|coward|bigot|liar))';

/**
 * People a threat is made against when not named: roles in the news (the judge, that ref, the
 * councillors) and words for "them". A thing ("the bill", "the messenger") is deliberately absent.
 */
export const ROLE =
  '(?:judge|ref|referee|linesman|linesmen|umpire|councillor|mp|minister|prime minister|pm|president|senator|congressman|congresswoman|governor|mayor|surgeon|doctor|gp|nurse|consultant|manager|chairman|owner|journalist|reporter|editor|columnist|magistrate|jury|juror|officer|copper|cop|politician|traitor|paedo|paedophile|nonce|striker|keeper|goalkeeper|player|board|cabinet|man|woman|guy|bloke|idiot|moron|scum|scumbag|bastard|author|writer|teacher|landlord|neighbour|neighbor|boss|ceo|chief executive|chief constable|commissioner|official|protester|cyclist|presenter|pundit|lot|lot of them|bunch|pair of them)s?';

/** Groups of people by who they are (plural, or "the …"). */
export const GROUP =
  '(?:muslims|moslems|jews|jewish people|christians|hindus|sikhs|catholics|immigrants|migrants|refugees|asylum seekers|foreigners|blacks|black people|whites|asians|africans|arabs|gypsies|gipsies|travellers|roma|romanians|poles|polish people|pakistanis|indians|chinese people|the chinese|mexicans|gays|gay people|lesbians|homosexuals|trans people|transgender people|trannies|women|disabled people|the disabled|scousers|the irish|irish people|englishmen|the english|the scots|the welsh|albanians|eastern europeans|nigerians|somalis|afghans|syrians|ukrainians|russians|israelis|palestinians' +
  '|somalians|kurds|turks|iraqis|iranians|eritreans|sudanese|jamaicans|bangladeshis|bulgarians|lithuanians|the polish|illegals|illegal immigrants|illegal migrants|economic migrants|boat people|atheists|mormons|buddhists|fat people|obese people|old people|pensioners|the elderly|autistic people|bisexuals|trans women|trans men|black men|asian men|muslim men|gay men)';

/** One member of a group ("every Muslim is …", "deport every last Somali"). */
export const GROUP_ONE =
  '(?:muslim|moslem|jew|immigrant|migrant|refugee|asylum seeker|foreigner|gypsy|traveller|romanian|pole|pakistani|nigerian|somali|somalian|african|arab|albanian|mexican|gay|lesbian|homosexual|trans person|afghan|syrian|kurd|illegal|eritrean|sudanese|jamaican|bangladeshi)';

/** Said of a whole group ("… are vermin", "… are born thieves"): dehumanising or damning. */
export const GROUP_PREDICATE =
  '(?:vermin|animals|rats|cockroaches|parasites|scum|filth|savages|subhuman|sub-human|thieves|thugs|gangsters|perverts|filthy|disgusting|mentally ill|too (?:stupid|thick|dumb|emotional|weak|primitive|backward|lazy|simple|savage) to|a disease|a plague|a cancer|an infestation|invaders|leeches|trash|garbage|dirty|inferior|evil|criminals|rapists|terrorists|paedos|paedophiles|breeding like rabbits|not human|less than human|a virus|a blight|a drain on (?:society|the country|us|this country)|the enemy|a disgrace|thick|stupid|lazy scroungers|scroungers|dogs|pigs|monkeys|apes' +
  '|locusts|an abomination|abominations|freaks|sick in the head|degenerates|deviants|primitive|backward|uncivilised|uncivilized|unclean|diseased|disease-ridden|useless eaters|a burden on (?:society|the country|us|this country|the nhs)|worthless|scammers|fraudsters|groomers|predators|nonces|benefit cheats|drunks|barbarians|barbaric|a horde|hordes|a swarm|an invasion|an invading army|drug dealers|beneath us|not people|not welcome here' +
  '|born (?:thieves|criminals|liars|killers|terrorists)|(?:naturally|inherently|genetically) (?:violent|criminal|lazy|stupid|inferior|dishonest|evil)|behind (?:every|all|all the) (?:wars?|crime|problems|attacks|terror attacks))';

/** One member's predicate ("every Muslim is a terrorist"). */
export const ONE_PREDICATE =
  '(?:an? (?:(?:potential|future|secret|likely|would-be|born) )?(?:terrorist|criminal|rapist|thief|scrounger|parasite|paedo|paedophile|animal|savage|leech|invader|groomer|scammer|drug dealer|gangster|thug|predator)|vermin|scum|filth|subhuman|evil)';

export const SLUR =
  '(?:pakis?|wogs?|kikes?|spics?|chinks?|faggots?|fags|trann(?:y|ies)|pikeys?|gyppos?|ragheads?|towelheads?|darkies|darkeys?|coons?|retards?|negroes|sambos?|dykes?|poofs?|poofters?|spastics?|mongs?|yids?)';
