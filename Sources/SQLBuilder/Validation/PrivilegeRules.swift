/// Rules on GRANT and REVOKE: each privilege exists for the kind of object it is granted on
/// (EXECUTE on functions, USAGE and CREATE on schemas, the table privileges on relations), and
/// there is at least one privilege and one role; what the scripts create in a schema the API
/// exposes revokes Supabase's default privileges before granting.
enum PrivilegeRules {
  /// The schemas where Supabase's default privileges give `anon` and `authenticated` every
  /// privilege on each new table, view and function.
  static let exposedSchemas: Set<String> = ["public"]

  enum Finding: SQLFinding, Hashable {
    /// Created in an exposed schema without `REVOKE ALL … FROM anon, authenticated`.
    case openByDefault(object: String, revoke: String)

    var message: String {
      switch self {
      case .openByDefault(let object, let revoke):
        return
          "\(object) is created in a schema the API exposes, where Supabase's default privileges give anon and authenticated every privilege on it, which grants only add to; revoke them first, `\(revoke)`, then grant what each role needs"
      }
    }
  }

  /// The objects created in an exposed schema whose privileges are not revoked from the API's
  /// roles, in order.
  static func check(_ catalogue: SchemaCatalogue) -> [(object: String, finding: Finding)] {
    var open: [(object: String, finding: Finding)] = []
    for (name, kind) in catalogue.relationDefinitions
    where ["table", "view", "materialized view"].contains(kind)
      && exposedSchemas.contains(name.schema ?? "")
    {
      var writer = SQLWriter()
      guard
        !catalogue.revokedFromAPIRoles.contains(PrivilegeTarget.relation(name).rendered(&writer))
      else { continue }
      open.append(
        (
          "\(kind) \(name)",
          .openByDefault(
            object: "\(name)",
            revoke: "Revoke(.all, on: .table(…), from: .anon, .authenticated)")
        ))
    }
    for function in catalogue.createdFunctions
    where exposedSchemas.contains(function.signature.name.schema ?? "") {
      var writer = SQLWriter()
      let target = PrivilegeTarget.function(function.signature)
      guard !catalogue.revokedFromAPIRoles.contains(target.rendered(&writer)) else { continue }
      let signature = target.objectName(&writer)
      if open.contains(where: { $0.object == "function \(signature)" }) { continue }
      open.append(
        (
          "function \(signature)",
          .openByDefault(
            object: signature,
            revoke:
              "Revoke(.all, on: .function(…), from: .public, .anon, .authenticated)"
          )
        ))
    }
    return open
  }

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
      writer.report(
        StatementRules.Finding.privilegeNotApplicable(privilege: privilege.rawValue, kind: kind))
    }
    target.validate(&writer)
    roles.forEach { $0.validate(&writer) }
    if privileges.isEmpty { writer.report(StatementRules.Finding.noPrivilege) }
    if roles.isEmpty { writer.report(StatementRules.Finding.noRole) }
  }
}
