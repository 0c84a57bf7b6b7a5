import Analysis
import Corpus
import Geo
import IndexFormat
import Search

// The types an embedding program needs, named here so that `import SchoolFinderKit` is the only
// import it writes. Each is the engine's own type, not a copy: what the CLI sees, a library user sees.

/// One degree program at one institution, with every field the index stores (id, institution,
/// city, state, ZIP, coordinates, CIP code, title, description, level, accreditors, delivery).
public typealias ProgramRecord = Corpus.ProgramRecord
/// An award level: certificate, associate, bachelor … doctorate.
public typealias AwardLevel = Corpus.AwardLevel
/// How a program is delivered: campus, online, hybrid or unknown.
public typealias Delivery = Corpus.Delivery
/// A ZIP code's centroid (degrees) with its city and state.
public typealias ZipCentroid = Corpus.ZipCentroid
/// A point in degrees (WGS84 latitude and longitude).
public typealias GeoPoint = Geo.GeoPoint
/// Result order: blended (text score × distance decay), relevance, distance or id.
public typealias SortOrder = Search.SortOrder
/// A search: text, a point and radius, filters, order and page, and optionally the ranking
/// (`ranking`, `decay`), one hit per institution (`groupByInstitution`), facet counts (`facets`)
/// and score breakdowns (`explain`), and how its text is matched (`matching`). Every field is optional; the rules are the README's
/// "Search contract" and "Ranking".
public typealias SearchRequest = Search.SearchQuery
/// How text relevance is scored: `.fields(FieldWeights)` (BM25F, the default `Ranking.standard`)
/// or `.classic` (one BM25 over all the text, then distance, then id).
public typealias Ranking = Search.Ranking
/// The fields ranking's parameters: per-field weights (≥ 0), length normalisations b (0…1) and k1 (≥ 0).
public typealias FieldWeights = Search.FieldWeights
/// Blended order's distance factor, 0.5^(miles / half distance); the half distance in miles, > 0.
public typealias DistanceDecay = Search.DistanceDecay
/// A field matches can be counted by: level, state, accreditor, cip2, cip4, cip6, delivery.
public typealias FacetField = Search.FacetField
/// Exact match counts for one facet field, most frequent value first.
public typealias FacetCounts = Search.FacetCounts
/// How a search was executed ("intersect", "decay-rings", …).
public typealias QueryPlan = Search.QueryPlan
/// Every part of one hit's score: per word its idf and per field frequency, length, weight and
/// contribution; the text score, the distance and its decay factor, and the final score.
public typealias ScoreExplanation = Search.ScoreExplanation
/// How a request's text is matched: `.exact` (every word as typed, the default) or `.forgiving`
/// (synonyms, typos, completion of the last word, filler words, relaxation: the command line's
/// default). README, "Search contract".
public typealias TextMatching = Search.TextMatching
/// How forgiving matching read the text: the groups and their alternatives, filler words left
/// out, implied levels, words dropped, "did you mean".
public typealias QueryUnderstanding = Search.QueryUnderstanding
/// Synonyms, abbreviations and phrases (`SynonymDictionary.parseNamingAwardLevels(text)`, the format of
/// `Corpus/synonyms.txt`), given to `ProgramIndex.build` and stored in the index.
public typealias SynonymDictionary = Analysis.SynonymDictionary
/// Why an index file could not be opened or written (its message names the file and the fix).
public typealias IndexFormatError = IndexFormat.IndexFormatError
/// Why a search request was refused (its message names the value and the fix).
public typealias SearchError = Search.SearchError
