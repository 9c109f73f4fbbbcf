/// The parameters of a function, declared as a struct of typed ``Parameter``s, in order.
///
/// ```swift
/// struct MetricsRange: FunctionParameters {
///   let accountID = Parameter<PG.UUID>("p_account_id")
///   let fromDate = Parameter<PG.Date>("p_from_date")
/// }
/// ```
public protocol FunctionParameters: Sendable {
  /// Creates the parameter declarations.
  init()
}

/// A function without parameters.
public struct NoParameters: FunctionParameters {
  public init() {}
}

/// A parameter of a function: its name and type, and optionally a default for callers that
/// leave it out.
public struct Parameter<Base: SQLType>: AnyParameter {
  /// The parameter's name; callers pass it by name (`p_from_date => …`).
  public let name: String
  package let defaultValue: SQLNode?

  /// A parameter callers must pass.
  public init(_ name: String) {
    self.name = name
    defaultValue = nil
  }

  /// A parameter callers may leave out: `name type DEFAULT value`.
  public init(_ name: String, default value: SQLExpression<Base, some Nullability>) {
    self.name = name
    defaultValue = value.node
  }

  /// A parameter whose default is NULL.
  public init(_ name: String, default _: SQLNull) {
    self.name = name
    defaultValue = SQLNull.node(Base.self)
  }

  public var typeName: String { Base.sqlName }
}

/// A parameter that is never NULL in the function, so its body reads it as NOT NULL: a
/// PL/pgSQL function raises `null_value_not_allowed` on entry when a caller passes NULL, and a
/// `LANGUAGE sql` one must be ``CreateFunction/strict()``, which returns NULL instead.
/// ```swift
/// struct NewGoal: FunctionParameters { let target = NotNullParameter<PG.Integer>("p_target") }
/// // IF p_target IS NULL THEN RAISE EXCEPTION … USING ERRCODE = '22004'; END IF;
/// ```
public struct NotNullParameter<Base: SQLType>: AnyParameter, NeverNullParameter {
  /// The parameter's name; callers pass it by name (`p_target => …`).
  public let name: String
  package let defaultValue: SQLNode?

  /// A parameter callers must pass, and not as NULL.
  public init(_ name: String) {
    self.name = name
    defaultValue = nil
  }

  /// A parameter callers may leave out: `name type DEFAULT value`.
  public init(_ name: String, default value: SQLExpression<Base, NotNull>) {
    self.name = name
    defaultValue = value.node
  }

  public var typeName: String { Base.sqlName }
}

/// A parameter the function checks is not NULL.
package protocol NeverNullParameter {}

/// A parameter with its type erased.
public protocol AnyParameter: Sendable {
  /// The parameter's name.
  var name: String { get }
  /// Its type as PostgreSQL spells it.
  var typeName: String { get }
}

extension FunctionParameters {
  static var declared: [any AnyParameter] {
    Mirror(reflecting: Self()).children.compactMap { $0.value as? any AnyParameter }
  }
}

/// The parameters as a function body reads them: `args.fromDate` is the `p_from_date` value.
///
/// A caller may pass NULL for any parameter, so every parameter reads as nullable.
@dynamicMemberLookup
public struct Arguments<P: FunctionParameters>: Sendable {
  /// The function whose parameters these are; a body reading another function's fails
  /// generation.
  let function: FunctionSignature

  package init(_ function: Function<P>) { self.function = function.signature }

  /// The value the caller passed.
  public subscript<B: SQLType>(dynamicMember keyPath: KeyPath<P, Parameter<B>>)
    -> SQLExpression<B, Nullable>
  { .init(unchecked: .parameter(P()[keyPath: keyPath].name, of: function)) }

  /// The value the caller passed, never NULL.
  public subscript<B: SQLType>(dynamicMember keyPath: KeyPath<P, NotNullParameter<B>>)
    -> SQLExpression<B, NotNull>
  { .init(unchecked: .parameter(P()[keyPath: keyPath].name, of: function)) }
}

/// A function's name and parameters, declared once and used to create, grant, comment and call it.
///
/// ```swift
/// let getMetrics = Function("public", "get_metrics_for_range", parameters: MetricsRange.self)
/// // GRANT EXECUTE ON FUNCTION public.get_metrics_for_range(uuid, date) TO authenticated;
/// ```
public struct Function<Parameters: FunctionParameters>: Sendable {
  /// The schema-qualified name.
  public let name: QualifiedName

  /// The function `schema.name(parameters)`.
  public init(_ schema: String?, _ name: String, parameters: Parameters.Type = NoParameters.self) {
    self.name = QualifiedName(schema, name)
  }

  /// The name with the argument types, as GRANT, COMMENT ON and DROP name the function.
  public var signature: FunctionSignature {
    FunctionSignature(name: name, argumentTypes: Parameters.declared.map(\.typeName))
  }
}

/// A function's name and argument types, as GRANT, REVOKE and DROP name it:
/// `public.f(uuid, date)`.
public struct FunctionSignature: Hashable, Sendable {
  /// The schema-qualified name.
  public let name: QualifiedName
  /// The argument types, in order.
  public let argumentTypes: [String]

  /// A function taking no arguments.
  public init(_ schema: String?, _ name: String) {
    self.init(name: QualifiedName(schema, name), argumentTypes: [])
  }

  package init(name: QualifiedName, argumentTypes: [String]) {
    self.name = name
    self.argumentTypes = argumentTypes
  }

  func validate(_ validator: inout SQLValidator) {
    validator.name(name)
    argumentTypes.forEach { validator.typeName($0) }
  }

  /// `schema.name(type, …)`.
  package func rendered(_ writer: inout SQLWriter) -> String {
    "\(writer.name(name))(\(argumentTypes.map { writer.typeName($0) }.joined(separator: ", ")))"
  }
}
