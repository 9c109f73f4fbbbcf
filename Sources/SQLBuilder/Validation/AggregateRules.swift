/// Rules on aggregates PostgreSQL checks only when they run: a percentile is a fraction of the
/// ordered values, from 0 to 1.
enum AggregateRules {
  enum Finding: SQLFinding, Hashable {
    /// `percentile_cont(2)`: PostgreSQL fails every query that reaches it.
    case percentileOutOfRange(function: String, fraction: Double)

    var message: String {
      switch self {
      case .percentileOutOfRange(let function, let fraction):
        return "\(function)(\(fraction)) asks for a fraction outside 0 to 1"
      }
    }
  }

  static func check(withinGroup name: String, arguments: [SQLNode]) -> [Finding] {
    guard name.hasPrefix("percentile_"), case .literal(.decimal(let fraction))? = arguments.first,
      !(0...1).contains(fraction)
    else { return [] }
    return [.percentileOutOfRange(function: name, fraction: fraction)]
  }
}
