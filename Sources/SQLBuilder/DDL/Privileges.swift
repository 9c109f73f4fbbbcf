/// A database role, as GRANT and REVOKE name it.
public struct Role: Hashable, Sendable {
  /// The role's name; `PUBLIC` means every role.
  public let name: String

  /// A role named `name`.
  public init(_ name: String) { self.name = name }

  /// Every role, present and future.
  public static let `public` = Role("PUBLIC")
  /// Supabase's role for requests without a signed-in user.
  public static let anon = Role("anon")
  /// Supabase's role for requests of signed-in users.
  public static let authenticated = Role("authenticated")
  /// Supabase's role for trusted server-side code; bypasses row level security.
  public static let serviceRole = Role("service_role")
  /// The database owner role.
  public static let postgres = Role("postgres")

  func rendered(_ writer: inout SQLWriter) -> String {
    self == .public ? "PUBLIC" : writer.identifier(name)
  }

  func validate(_ validator: inout SQLValidator) {
    if self != .public { validator.identifier(name) }
  }
}

/// A privilege that GRANT and REVOKE name.
public enum Privilege: String, Sendable {
  case all = "ALL"
  case select = "SELECT"
  case insert = "INSERT"
  case update = "UPDATE"
  case delete = "DELETE"
  case truncate = "TRUNCATE"
  case references = "REFERENCES"
  case trigger = "TRIGGER"
  /// On a function.
  case execute = "EXECUTE"
  /// On a schema: may look up objects in it.
  case usage = "USAGE"
  /// On a schema: may create objects in it.
  case create = "CREATE"
}

/// The object a privilege is on.
public enum PrivilegeTarget: Sendable {
  /// A table, view or materialized view.
  case relation(QualifiedName)
  /// A function.
  case function(FunctionSignature)
  /// A schema (for USAGE).
  case schema(String)

  /// A declared relation.
  public static func table<R: Relation>(_: R.Type) -> Self { .relation(R.qualifiedName) }

  /// A declared function, named with its argument types.
  public static func function<P: FunctionParameters>(_ function: Function<P>) -> Self {
    .function(function.signature)
  }

  func rendered(_ writer: inout SQLWriter) -> String {
    switch self {
    case .relation: return "TABLE \(objectName(&writer))"
    case .function: return "FUNCTION \(objectName(&writer))"
    case .schema: return "SCHEMA \(objectName(&writer))"
    }
  }

  /// The object's name as GRANT and COMMENT ON spell it: a function's with its argument types.
  func objectName(_ writer: inout SQLWriter) -> String {
    switch self {
    case .relation(let name): return writer.name(name)
    case .function(let signature): return signature.rendered(&writer)
    case .schema(let name): return writer.identifier(name)
    }
  }
}

/// `GRANT privilege ON object TO roles;`
public struct Grant: SQLStatement {
  let privileges: [Privilege]
  let target: PrivilegeTarget
  let roles: [Role]

  /// Grants `privileges` on `target` to `roles`.
  public init(_ privileges: Privilege..., on target: PrivilegeTarget, to roles: Role...) {
    self.privileges = privileges
    self.target = target
    self.roles = roles
  }

  public func render(into writer: inout SQLWriter) {
    let to = roles.map { $0.rendered(&writer) }.joined(separator: ", ")
    let what = privileges.map(\.rawValue).joined(separator: ", ")
    writer.line("GRANT \(what) ON \(target.rendered(&writer)) TO \(to);")
  }
}

/// `REVOKE privilege ON object FROM roles;`
public struct Revoke: SQLStatement {
  let privileges: [Privilege]
  let target: PrivilegeTarget
  let roles: [Role]

  /// Revokes `privileges` on `target` from `roles`.
  public init(_ privileges: Privilege..., on target: PrivilegeTarget, from roles: Role...) {
    self.init(privileges: privileges, target: target, roles: roles)
  }

  init(privileges: [Privilege], target: PrivilegeTarget, roles: [Role]) {
    self.privileges = privileges
    self.target = target
    self.roles = roles
  }

  public func render(into writer: inout SQLWriter) {
    let from = roles.map { $0.rendered(&writer) }.joined(separator: ", ")
    let what = privileges.map(\.rawValue).joined(separator: ", ")
    writer.line("REVOKE \(what) ON \(target.rendered(&writer)) FROM \(from);")
  }
}

extension Grant: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    PrivilegeRules.check(privileges, on: target, roles: roles, in: &validator)
  }
}

extension Revoke: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    if privileges.contains(.all) && roles.contains(.anon) && roles.contains(.authenticated) {
      var writer = SQLWriter()
      validator.catalogue.revokedFromAPIRoles.insert(target.rendered(&writer))
    }
    PrivilegeRules.check(privileges, on: target, roles: roles, in: &validator)
  }
}

extension PrivilegeTarget {
  func validate(_ validator: inout SQLValidator) {
    switch self {
    case .relation(let name): validator.name(name)
    case .function(let signature): signature.validate(&validator)
    case .schema(let name): validator.identifier(name)
    }
  }
}
