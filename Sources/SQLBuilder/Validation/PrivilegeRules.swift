/// Rules on GRANT and REVOKE: each privilege exists for the kind of object it is granted on
/// (EXECUTE on functions, USAGE and CREATE on schemas, the table privileges on relations), and
/// there is at least one privilege and one role.
enum PrivilegeRules {
  static func check(
    _ privileges: [Privilege], on target: PrivilegeTarget, roles: [Role],
    in writer: inout SQLValidator
  ) {
    let allowed: Set<Privilege>
    let kind: String
    switch target {
    case .relation:
      allowed = [.all, .select, .insert, .update, .delete, .truncate, .references, .trigger]
      kind = "a table or view"
    case .function:
      allowed = [.all, .execute]
      kind = "a function"
    case .schema:
      allowed = [.all, .usage, .create]
      kind = "a schema"
    }
    for privilege in privileges where !allowed.contains(privilege) {
      writer.report("privilege \(privilege.rawValue) does not apply to \(kind)")
    }
    target.validate(&writer)
    roles.forEach { $0.validate(&writer) }
    if privileges.isEmpty { writer.report("GRANT or REVOKE names no privilege") }
    if roles.isEmpty { writer.report("GRANT or REVOKE names no role") }
  }
}
