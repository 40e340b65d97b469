/// The three datasets NAS-Bench-201 trained every cell on; raw values are the column prefixes of
/// `nasbench201/nasbench201.csv` and the `--dataset` names.
public enum NASBench201Dataset: String, CaseIterable, Sendable {
  case cifar10
  case cifar100
  case imagenet16

  public var title: String {
    switch self {
    case .cifar10: return "CIFAR-10"
    case .cifar100: return "CIFAR-100"
    case .imagenet16: return "ImageNet16-120"
    }
  }

  /// Validation accuracy (percent), what a search sees.
  public var validationColumn: String { "\(rawValue)_valid_acc" }
  /// Test accuracy (percent), what a search reports.
  public var testColumn: String { "\(rawValue)_test_acc" }
  public var parametersColumn: String { "\(rawValue)_params_m" }
  public var flopsColumn: String { "\(rawValue)_flops_m" }
  public var gpuLatencyColumn: String { "\(rawValue)_gpu_latency_ms" }
  public var trainTimeColumn: String { "\(rawValue)_train_time_s" }
}
