// runtime/wasi/sock.cpp — sock_*: wasmc never preopens sockets and path_open cannot create one, so
// every fd is either not open (EBADF) or not a socket (ENOTSOCK).
#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

namespace {
Errno noSocket(Call& c) { return c.fd(c.u32(0)) ? Errno::NotSock : Errno::Badf; }
}  // namespace

Errno impl_sock_accept(Call& c) { return noSocket(c); }
Errno impl_sock_recv(Call& c) { return noSocket(c); }
Errno impl_sock_send(Call& c) { return noSocket(c); }
Errno impl_sock_shutdown(Call& c) { return noSocket(c); }

}  // namespace wasmc::wasi
