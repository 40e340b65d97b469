import SearchSpaces

/// A method to compare, with its hyperparameter overrides and the name of its row and directory
/// (the method's own name unless it is a named variant, see `MethodList`).
public struct MethodChoice: Sendable {
  public var name: String
  public var method: any SearchMethod
  public var parameters: [String: String]

  public init(_ method: any SearchMethod, parameters: [String: String] = [:], name: String? = nil) {
    self.name = name ?? method.name
    self.method = method
    self.parameters = parameters
  }
}
