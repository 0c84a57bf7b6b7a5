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
/// Result order: relevance, distance or id.
public typealias SortOrder = Search.SortOrder
/// A search: text, a point and radius, filters, order and page. Every field is optional; the
/// rules are the README's "Search contract". (Facet and explain requests will be added here by
/// a later issue; there are none yet.)
public typealias SearchRequest = Search.SearchQuery
/// Why an index file could not be opened or written (its message names the file and the fix).
public typealias IndexFormatError = IndexFormat.IndexFormatError
/// Why a search request was refused (its message names the value and the fix).
public typealias SearchError = Search.SearchError
