import type { articleTemplates } from '../../../preload/contract';

/**
 * The sections each kind of article needs (the concept's knowledge base: service procedures, answers
 * to what clients ask, the owner's back-office processes). Articles are written in Latvian whatever
 * the screen's language, so the skeletons are too.
 */
const skeletons: Record<(typeof articleTemplates)[number], string> = {
  procedure: '## Kam pienākas\n\n## Kas klientam jāiesniedz\n\n## Soļi pie letes\n1. \n\n## Termiņš un atbilde\n',
  faq: '## Jautājums\nAtbilde.\n\n## Jautājums\nAtbilde.\n',
  back_office: '## Ievade\n\n## Apstrāde\n\n## Rezultāts\n',
  free: '',
};

export const templateBody = (template: (typeof articleTemplates)[number]) => skeletons[template];
