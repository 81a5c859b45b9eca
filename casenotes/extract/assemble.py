"""Putting the recognisers together: from an article to a draft record with evidence and flags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casenotes.extract import flags as F
from casenotes.extract.agencies import find_agencies
from casenotes.extract.countries import australia_austria_doubts, find_countries
from casenotes.extract.dates import DateMention, find_dates
from casenotes.extract.draft import Draft, Evidence, Flag, Proposal, RelationCandidate
from casenotes.extract.figures import find_figures
from casenotes.extract.loading import Article
from casenotes.extract.matching import best_matches
from casenotes.extract.outline import EarlierAction, Subject, outline_article
from casenotes.extract.sentences import Sentence, split_sentences
from casenotes.store.database import Store
from casenotes.store.dates import parse_partial_date
from casenotes.store.models import Figure

_TAKEDOWN = re.compile(r"\b(taken down|took down|takedown|shut down|dismantl\w*|seized the (?:site|market|server))", re.I)
_PROSECUTION = re.compile(r"\b(pleaded guilty|pleads guilty|sentenced|convicted|indicted|charged)\b", re.I)
_RAID = re.compile(r"\b(raids?|raided|house searches)\b", re.I)
_ARREST = re.compile(r"\b(arrest\w*|detain\w*)\b", re.I)
_COORDINATED = re.compile(r"\b(coordinated|co-ordinated|joint|international)\s+(action|operation|crackdown|effort)", re.I)
_LEAD_PLACE = re.compile(r"^[\W]*In\s+(?:the\s+)?")
_SOURCE_TITLE_LENGTH = 120


@dataclass
class _Context:
    article: Article
    sentences: list[Sentence]
    dates: list[DateMention]
    actions: list[EarlierAction]

    def action_at(self, offset: int) -> EarlierAction | None:
        """The earlier action whose description covers this offset of the article text."""
        return next((a for a in self.actions if a.start <= offset < a.end), None)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding this offset (or the last one starting before it)."""
        before = [s for s in self.sentences if s.start <= offset]
        return next((s for s in before if offset < s.end), before[-1] if before else self.sentences[0])

    def evidence(self, sentence: Sentence, start: int, end: int) -> Evidence:
        """Evidence for words of ``sentence``; a span running past the sentence is cut at its end."""
        start = max(sentence.start, min(start, sentence.end))
        return Evidence(sentence.text, sentence.start, start, max(start, min(end, sentence.end)))


def extract_draft(article: Article, store: Store | None = None) -> Draft:
    """A draft record for ``article``. With a ``store``, earlier actions the article mentions are
    matched to its records, and a record with the same title is pointed out. Nothing is written."""
    sentences = split_sentences(article.text)
    dates = find_dates(article.text, article.published)
    published = parse_partial_date(article.published) if article.published else None
    outline = outline_article(sentences, dates, published.year if published else None)
    context = _Context(article, sentences, dates, outline.earlier_actions)
    # The subject's own record, if the store has one, is not an earlier action.
    main_names = {outline.subject.name, f"{outline.subject.name} takedown"} if outline.subject else set()
    draft = Draft(article)
    draft.proposals += _title(context, outline.subject, store, draft)
    draft.proposals += _kind(context, outline.subject)
    draft.proposals += _date(context)
    draft.proposals += _summary(context)
    draft.proposals += _agencies(context)
    draft.proposals += _countries(context)
    draft.proposals += _figures(context)
    draft.proposals += _relations(context, store, main_names)
    draft.proposals += _source(article, sentences)
    if not sentences:
        draft.flags.append(Flag(F.EMPTY, "The article has no text to read."))
    return draft


def _background_flag(action: EarlierAction) -> Flag:
    what = action.names[0] if action.names else (action.date_text or "an earlier action")
    return Flag(F.EARLIER_ACTION, f"Mentioned about an earlier action ({what}), not this one.")


def _title(context: _Context, subject: Subject | None, store: Store | None, draft: Draft) -> list[Proposal]:
    if subject is not None:
        title = subject.name if subject.kind == "operation" else f"{subject.name} takedown"
        proposal = Proposal("title", title, [context.evidence(subject.sentence, subject.start, subject.end)])
    else:
        proposal = _headline_title(context)
    if proposal is None:
        draft.flags.append(Flag(F.NO_TITLE, "No operation, market or headline found: type a title."))
        return [Proposal("title", None, [], [Flag(F.NO_TITLE, "No title found: type one.")], accepted=False)]
    if store is not None and proposal.value:
        from casenotes.extract.store_lookup import records_titled

        for record in records_titled(store, proposal.value):
            proposal.flags.append(Flag(
                F.ALREADY_IN_STORE,
                f"Your store already has “{record.title}” ({record.id}); saving adds a second record.",
            ))
    return [proposal]


def _headline_title(context: _Context) -> Proposal | None:
    headline = context.article.headline
    if not headline:
        return None
    offset = context.article.text.find(headline)
    sentence = next((s for s in context.sentences if s.start <= offset < s.end), None) if offset >= 0 else None
    evidence = [context.evidence(sentence, offset, offset + len(headline))] if sentence is not None else []
    return Proposal("title", headline, evidence,
                    [Flag(F.TITLE_FROM_HEADLINE, "No operation or market name found: this is the headline.")])


def _kind(context: _Context, subject: Subject | None) -> list[Proposal]:
    if subject is not None:
        kind = "operation" if subject.kind == "operation" else "takedown"
        return [Proposal("kind", kind, [context.evidence(subject.sentence, subject.start, subject.end)])]
    for kind, cue in (("takedown", _TAKEDOWN), ("prosecution", _PROSECUTION), ("raid", _RAID),
                      ("operation", _COORDINATED), ("arrest", _ARREST)):
        for sentence in context.sentences:
            match = cue.search(sentence.text)
            if match and not context.action_at(sentence.start + match.start()):
                start = sentence.start + match.start()
                return [Proposal("kind", kind, [context.evidence(sentence, start, sentence.start + match.end())])]
    return [Proposal("kind", "other", [], [Flag(F.KIND_GUESSED, "No cue for the kind of action: check it.")])]


def _date(context: _Context) -> list[Proposal]:
    main = [d for d in context.dates if not context.action_at(d.start)]
    chosen = next((d for d in main if d.date is not None), None) or (main[0] if main else None)
    article = context.article
    if chosen is None:
        if article.published:
            return [Proposal("date", article.published, [], [Flag(
                F.DATE_IS_PUBLICATION, "The article gives no date for the action: this is its publication date.")])]
        return [Proposal("date", None, [], [Flag(F.NO_DATE, "No date found: type one if you know it.")], accepted=False)]
    sentence = context.sentence_at(chosen.start)
    evidence = [context.evidence(sentence, chosen.start, chosen.end)]
    flags = []
    if chosen.date is None:
        flags.append(Flag(F.RELATIVE_DATE_UNRESOLVED,
                          f"“{chosen.text}” depends on when the article was published: give the publication date."))
        return [Proposal("date", None, evidence, flags, accepted=False)]
    if chosen.relative:
        flags.append(Flag(F.RELATIVE_DATE, f"“{chosen.text}” read against the publication date {article.published}."))
    return [Proposal("date", chosen.date.iso(), evidence, flags)]


def _summary(context: _Context) -> list[Proposal]:
    headline = context.article.headline
    lead = next((s for s in context.sentences if s.text != headline and len(s.text.split()) >= 8), None)
    if lead is None:
        return []
    return [Proposal("summary", lead.text, [context.evidence(lead, lead.start, lead.end)],
                     [Flag(F.QUOTED_TEXT, "The article's own sentence: keep it as the summary or write your own.")],
                     accepted=False)]


def _grouped(proposals: dict, key, field_name: str, value, evidence: Evidence, flags: list[Flag],
             background: EarlierAction | None, doubtful: bool = False) -> None:
    """Add one mention to the proposal for its value: accepted if any mention is about this action."""
    proposal = proposals.get(key)
    if proposal is None:
        proposal = proposals[key] = Proposal(field_name, value, [], [], accepted=False)
    main_mention = background is None and not doubtful
    if main_mention and not proposal.accepted:
        proposal.accepted = True
        proposal.evidence.insert(0, evidence)  # the sentence about this action comes first
        proposal.flags = [f for f in proposal.flags if f.code != F.EARLIER_ACTION]
    else:
        proposal.evidence.append(evidence)
    for flag in flags:
        if flag not in proposal.flags:
            proposal.flags.append(flag)
    if background is not None and not proposal.accepted and not any(f.code == F.EARLIER_ACTION for f in proposal.flags):
        proposal.flags.append(_background_flag(background))


def _agencies(context: _Context) -> list[Proposal]:
    proposals: dict[str, Proposal] = {}
    for mention in find_agencies(context.article.text):
        sentence = context.sentence_at(mention.start)
        flags = [Flag(F.AMBIGUOUS_AGENCY, mention.doubtful)] if mention.doubtful else []
        _grouped(proposals, mention.name, "agency", mention.name, context.evidence(sentence, mention.start, mention.end),
                 flags, context.action_at(mention.start), doubtful=bool(mention.doubtful))
    return list(proposals.values())


def _countries(context: _Context) -> list[Proposal]:
    proposals: dict[str, Proposal] = {}
    for sentence in context.sentences:
        mentions = find_countries(sentence.text)
        doubts = australia_austria_doubts(sentence.text, mentions)
        for index, mention in enumerate(mentions):
            start = sentence.start + mention.start
            flags = [Flag(F.AUSTRALIA_AUSTRIA, doubts[index])] if index in doubts else []
            _grouped(proposals, mention.code, "country", mention.code,
                     context.evidence(sentence, start, sentence.start + mention.end), flags, context.action_at(start))
    return list(proposals.values())


def _context_country(context: _Context, sentence: Sentence) -> str | None:
    """Where a sentence says it happens: "In the US, …" in it, or at the head of its paragraph."""
    for candidate in (sentence, next(s for s in context.sentences if s.paragraph == sentence.paragraph)):
        lead = _LEAD_PLACE.match(candidate.text)
        if lead:
            mentions = find_countries(candidate.text)
            if mentions and mentions[0].start <= lead.end() + 4:
                return mentions[0].code
    return None


def _figures(context: _Context) -> list[Proposal]:
    proposals: dict[tuple, Proposal] = {}
    for sentence in context.sentences:
        mentions = find_countries(sentence.text)
        doubts = australia_austria_doubts(sentence.text, mentions)
        doubtful_codes = {mentions[i].code: message for i, message in doubts.items()}
        for found in find_figures(sentence.text, mentions, _context_country(context, sentence)):
            start, end = sentence.start + found.start, sentence.start + found.end
            words = sentence.text[found.start:found.end]
            note = f"as printed: “{words}”"
            figure = Figure(found.label, found.value, found.unit, found.country, None, note)
            flags = []
            if found.country in doubtful_codes:
                flags.append(Flag(F.AUSTRALIA_AUSTRIA, doubtful_codes[found.country]))
            key = (found.label, found.value, found.country)
            _grouped(proposals, key, "figure", figure, context.evidence(sentence, start, end), flags,
                     context.action_at(start))
            proposal = proposals[key]
            if proposal.qualifier is None and found.qualifier:
                proposal.qualifier = found.qualifier
    return list(proposals.values())


def _relations(context: _Context, store: Store | None, main_names: set[str]) -> list[Proposal]:
    if not context.actions:
        return []
    matches: list = [None] * len(context.actions)
    if store is not None:
        from casenotes.extract.store_lookup import candidate_records

        candidates = candidate_records(store, context.actions)
        matches = best_matches(context.actions, candidates, exclude=main_names)
    proposals = []
    for action, match in zip(context.actions, matches):
        mention = action.words
        evidence = [context.evidence(action.sentence, action.start, action.end)]
        if match is None:
            why = "no store to look in" if store is None else "no record in your store fits it"
            proposals.append(Proposal(
                "relation", RelationCandidate(mention, action.relation), evidence,
                [Flag(F.NO_MATCHING_RECORD, f"An earlier action is mentioned, but {why}: add the record first, "
                                             "or type the id of the related record.")],
                accepted=False,
            ))
            continue
        record, score = match
        proposals.append(Proposal(
            "relation", RelationCandidate(mention, action.relation, record.id, record.title, round(score, 2)), evidence,
        ))
    return proposals


def _source(article: Article, sentences: list[Sentence]) -> list[Proposal]:
    proposals = []
    if article.headline:
        offset = article.text.find(article.headline)
        sentence = next((s for s in sentences if s.start <= offset < s.end), None) if offset >= 0 else None
        evidence = []
        if sentence is not None:
            end = min(offset + len(article.headline), sentence.end)
            evidence = [Evidence(sentence.text, sentence.start, offset, end)]
        proposals.append(Proposal("source_title", article.headline, evidence))
    elif sentences:
        first = sentences[0]
        title = first.text if len(first.text) <= _SOURCE_TITLE_LENGTH else \
            first.text[:_SOURCE_TITLE_LENGTH].rsplit(" ", 1)[0] + "…"
        proposals.append(Proposal(
            "source_title", title, [Evidence(first.text, first.start, first.start, first.end)],
            [Flag(F.NO_HEADLINE, "The article has no headline: this is its first sentence; type the real title.")],
        ))
    if article.publisher:
        flags = [] if article.publisher_given else [
            Flag(F.PUBLISHER_GUESSED, f"Recognised from “{article.publisher_evidence}”.")]
        proposals.append(Proposal("source_publisher", article.publisher, [], flags))
    if article.published:
        flags = [] if article.published_given else [Flag(F.PUBLISHED_FROM_PAGE, "Read from the page's metadata.")]
        proposals.append(Proposal("source_published", article.published, [], flags))
    if article.url:
        proposals.append(Proposal("source_url", article.url, []))
    return proposals

