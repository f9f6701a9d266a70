/*
 * HPVM simulator client, native build (hpvm-chatops src/sim/bridge-client.ts compiles it with `cc` when
 * one is installed, else installs the bash client). Same wire format and messages as the bash client:
 * client -> bridge: token, command name, VSP, argc, args, each NUL-terminated;
 * bridge -> client: frames `<kind><6 digits><payload>`, kind '1' stdout, '2' stderr, 'x' exit status.
 * It exists because an inventory starts thousands of these and bash's own start-up dominates the cost;
 * for the same reason it prefers the bridge's Unix socket (HPVM_SIM_SOCKET) to loopback TCP.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char *name = "hpvm";

static void fail(const char *message, const char *port) {
  if (port) fprintf(stderr, "%s: %s 127.0.0.1:%s\n", name, message, port);
  else fprintf(stderr, "%s: %s\n", name, message);
  exit(1);
}

static int write_all(int fd, const char *buffer, size_t length) {
  while (length > 0) {
    ssize_t written = write(fd, buffer, length);
    if (written < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    buffer += written;
    length -= (size_t)written;
  }
  return 0;
}

static int read_exact(int fd, char *buffer, size_t length) {
  while (length > 0) {
    ssize_t got = read(fd, buffer, length);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return -1;
    buffer += got;
    length -= (size_t)got;
  }
  return 0;
}

static int append(char **request, size_t *length, size_t *capacity, const char *text) {
  size_t size = strlen(text) + 1;
  if (*length + size > *capacity) {
    while (*length + size > *capacity) *capacity *= 2;
    char *grown = realloc(*request, *capacity);
    if (!grown) return -1;
    *request = grown;
  }
  memcpy(*request + *length, text, size);
  *length += size;
  return 0;
}

int main(int argc, char **argv) {
  const char *slash = strrchr(argv[0], '/');
  name = slash ? slash + 1 : argv[0];
  const char *port = getenv("HPVM_SIM_PORT");
  const char *token = getenv("HPVM_SIM_TOKEN");
  const char *vsp = getenv("HPVM_SIM_VSP");
  const char *unix_path = getenv("HPVM_SIM_SOCKET");
  if (!port || !*port) fail("cannot reach the HPVM simulator at", "(HPVM_SIM_PORT unset)");

  int fd = -1;
  if (unix_path && *unix_path && strlen(unix_path) < sizeof(((struct sockaddr_un *)0)->sun_path)) {
    struct sockaddr_un local;
    memset(&local, 0, sizeof local);
    local.sun_family = AF_UNIX;
    strcpy(local.sun_path, unix_path);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&local, sizeof local) != 0) {
      close(fd);
      fd = -1;
    }
  }
  if (fd < 0) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)atoi(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
      fail("cannot reach the HPVM simulator at", port);
    }
  }

  size_t length = 0, capacity = 4096;
  char *request = malloc(capacity);
  char count[16];
  snprintf(count, sizeof count, "%d", argc - 1);
  int ok = request != NULL && append(&request, &length, &capacity, token ? token : "") == 0 &&
           append(&request, &length, &capacity, name) == 0 &&
           append(&request, &length, &capacity, vsp ? vsp : "") == 0 &&
           append(&request, &length, &capacity, count) == 0;
  for (int index = 1; ok && index < argc; index++) ok = append(&request, &length, &capacity, argv[index]) == 0;
  if (!ok || write_all(fd, request, length) != 0) fail("lost the connection to the HPVM simulator", NULL);

  static char payload[1000000];
  char head[8];
  for (;;) {
    if (read_exact(fd, head, 7) != 0) fail("lost the connection to the HPVM simulator", NULL);
    head[7] = '\0';
    long size = strtol(head + 1, NULL, 10);
    if (head[0] == 'x') return (int)size;
    if (size < 0 || size > (long)sizeof payload || read_exact(fd, payload, (size_t)size) != 0) {
      fail("lost the connection to the HPVM simulator", NULL);
    }
    write_all(head[0] == '2' ? 2 : 1, payload, (size_t)size);
  }
}
