// The fixed ports of the receiver, and the check that they are free before it starts.
package dev.aitelemetry.testing.otlp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * The ports in {@code oap-config/application.yml}. They are fixed rather than free-port-picked because 4317 is the
 * OTLP/gRPC default that the code under test is meant to find; the others come along with it.
 */
final class ReceiverPorts {
  static final int OTLP_GRPC = 4317;
  static final int ZIPKIN_QUERY = 9412;
  static final int OAP_GRPC = 11800;
  static final int OAP_REST = 12800;
  static final List<Integer> ALL = List.of(OTLP_GRPC, ZIPKIN_QUERY, OAP_GRPC, OAP_REST);

  private ReceiverPorts() {}

  /** Fails with a message naming the port when another process (often another receiver) holds one. */
  static void requireAllFree() {
    for (int port : ALL) {
      if (!isFree(port)) {
        throw new IllegalStateException("Cannot start the OTLP receiver: 127.0.0.1:" + port
            + " is already in use (another OtlpReceiver, collector or agent?). Ports needed: " + ALL
            + ". Find the holder with: ss -ltnp | grep ':" + port + " '");
      }
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isFree(int port) {
    // Binding, not connecting: a listener on 0.0.0.0 or ::, which a connect test might miss, counts as busy too.
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
