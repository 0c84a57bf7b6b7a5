/// Who runs an institution (IPEDS HD `CONTROL`).
public enum InstitutionControl: String, Sendable, CaseIterable, Hashable {
    case `public` = "public"
    case privateNonprofit = "private-nonprofit"
    case privateForProfit = "private-for-profit"

    /// IPEDS CONTROL code: 1 public, 2 private nonprofit, 3 private for-profit; `nil` otherwise.
    public init?(ipedsCONTROL code: Int) {
        switch code {
        case 1: self = .public
        case 2: self = .privateNonprofit
        case 3: self = .privateForProfit
        default: return nil
        }
    }

    /// Parses the raw value or the IPEDS code written as text ("1", "2", "3").
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingASCIIWhitespace()
        if let c = Int(t) { self.init(ipedsCONTROL: c); return }
        switch t {
        case "public": self = .public
        case "private-nonprofit", "private nonprofit", "nonprofit": self = .privateNonprofit
        case "private-for-profit", "private for-profit", "for-profit", "forprofit": self = .privateForProfit
        default: return nil
        }
    }

    /// Stable one-byte code in the index file: 1, 2, 3 (0 means unknown).
    public var code: UInt8 {
        switch self {
        case .public: 1
        case .privateNonprofit: 2
        case .privateForProfit: 3
        }
    }

    /// Human label for tables and cards.
    public var label: String {
        switch self {
        case .public: "Public"
        case .privateNonprofit: "Private nonprofit"
        case .privateForProfit: "Private for-profit"
        }
    }
}
