/// Rules on pg_cron schedules: five fields (minute, hour, day of month, month, day of week)
/// of `*`, numbers, ranges, lists and steps within each field's range, or `N seconds`.
enum CronRules {
  private static let fields: [(name: String, range: ClosedRange<Int>)] = [
    ("minute", 0...59), ("hour", 0...23), ("day of month", 1...31), ("month", 1...12),
    ("day of week", 0...7),
  ]

  static func check(_ schedule: String, in writer: inout SQLValidator) {
    if let problem = problem(in: schedule) {
      writer.report(
        StatementRules.Finding.invalidCronSchedule(schedule: schedule, problem: problem))
    }
  }

  /// Why `schedule` is invalid, or nil when pg_cron accepts it.
  static func problem(in schedule: String) -> String? {
    let parts = schedule.split(separator: " ", omittingEmptySubsequences: true)
    if parts.count == 2, parts[1] == "seconds" || parts[1] == "second" {
      guard let n = Int(parts[0]), (1...59).contains(n) else { return "seconds must be 1 to 59" }
      return nil
    }
    guard parts.count == 5 else { return "expected 5 fields, found \(parts.count)" }
    for (part, field) in zip(parts, fields) {
      if let problem = problem(inField: String(part), range: field.range) {
        return "\(field.name) field '\(part)': \(problem)"
      }
    }
    return nil
  }

  private static func problem(inField field: String, range: ClosedRange<Int>) -> String? {
    for item in field.split(separator: ",", omittingEmptySubsequences: false) {
      let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
      guard stepParts.count <= 2 else { return "more than one '/'" }
      if stepParts.count == 2 {
        guard let step = Int(stepParts[1]), step > 0 else {
          return "step must be a positive number"
        }
        _ = step
      }
      let base = stepParts[0]
      if base == "*" { continue }
      let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(bounds.count) else { return "bad range '\(base)'" }
      let numbers = bounds.compactMap { Int($0) }
      guard numbers.count == bounds.count else { return "'\(base)' is not a number" }
      for n in numbers where !range.contains(n) {
        return "\(n) is outside \(range.lowerBound)-\(range.upperBound)"
      }
      if numbers.count == 2, numbers[0] > numbers[1] { return "range '\(base)' runs backwards" }
    }
    return nil
  }
}
