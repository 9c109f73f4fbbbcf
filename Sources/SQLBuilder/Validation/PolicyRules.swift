/// Rules on CREATE POLICY: PostgreSQL refuses a policy without a condition, WITH CHECK on a
/// SELECT policy and USING on an INSERT one.
enum PolicyRules {
  enum Finding: SQLFinding, Hashable {
    case noCondition
    case withCheckOnSelect
    case usingOnInsert

    var message: String {
      switch self {
      case .noCondition: return "a policy needs USING or WITH CHECK"
      case .withCheckOnSelect: return "a SELECT policy has no WITH CHECK"
      case .usingOnInsert: return "an INSERT policy has no USING"
      }
    }
  }

  static func check(command: PolicyCommand, using: Bool, withCheck: Bool) -> [Finding] {
    var findings: [Finding] = []
    if !using && !withCheck { findings.append(.noCondition) }
    if command == .select && withCheck { findings.append(.withCheckOnSelect) }
    if command == .insert && using { findings.append(.usingOnInsert) }
    return findings
  }
}
