package io.commitd.triggers.delivery;

/** What the dispatcher reports as it works; the server binds it to its meter registry. */
public interface DeliveryMetrics {

  DeliveryMetrics NONE = new DeliveryMetrics() {
    @Override
    public void attempted(DestinationKind kind) {}

    @Override
    public void failed(DestinationKind kind) {}
  };

  /** One call to one destination was made. */
  void attempted(DestinationKind kind);

  /** That call failed. */
  void failed(DestinationKind kind);
}
