import { foldLetters } from './normalize.js';

// Function words carry no topic. Written folded (as normalize.words() returns them).
const SWEDISH = `och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säga hon
  under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra mycket än här då sedan över bli blir
  bara in hur vad vilken vilka vilket någon något några min mitt mina din ditt dina vår vårt våra er ert era hans hennes deras dem oss
  mig dig honom henne denna detta dessa jo ja nej hej hallå tack snälla undrar undra vill skulle kunna kunde hade ha har är var blev
  eftersom fast även ju väl nog bara redan ännu alltså hos utan genom mellan igen också sen lite mer mest ni er jag du`;
const ENGLISH = `the a an and or but if of to in on at by for with from as is are was were be been being am do does did have has had
  i me my mine we us our you your he him his she her it its they them their this that these those what which who whom how when where
  why can could would should will shall may might must not no yes so than then there here also just about into over under again
  any some all more most other such only own same too very hi hello hey thanks thank please dear`;

const toSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean).map(foldLetters));

export const STOPWORDS: ReadonlySet<string> = new Set([...toSet(SWEDISH), ...toSet(ENGLISH)]);

/** Words that mark a language, for telling Swedish from English (unfolded: å/ä/ö count). */
export const SWEDISH_MARKERS: ReadonlySet<string> = new Set(
  `och att det som en på är av för med till den har de inte om ett men var jag sig från vi så kan man när hur vad vill
   min mitt mina vår vårt våra hej tack eller också ska skulle finns någon något hjälp kommunen förening föreningen bidrag`
    .split(/\s+/)
    .filter(Boolean),
);
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  `the and to of is are was in on for with that this what how can could would should i my we our you your do does it be have has
   hi hello please thanks help want need there who where when which about from am`
    .split(/\s+/)
    .filter(Boolean),
);
