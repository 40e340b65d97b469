import AGNet

extension AGNetSearchConfiguration {
  /// AG-Net's NAS-Bench-201 settings cut down so that a test trial takes moments even in a debug
  /// build: 8 opening cells, 2 ticks, training batches of 4, 12 candidates from latent batches of
  /// 16 then 32. What the tests check does not depend on how good the search is.
  public static var tiny: AGNetSearchConfiguration {
    var c = AGNetSearchConfiguration.published(for: .nasbench201)
    c.initialCells = 8
    c.ticks = 2
    c.batchSize = 4
    c.candidatesPerRound = 12
    c.candidateBatchSizes = [16, 32]
    return c
  }
}
