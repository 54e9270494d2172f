//! Where to listen: `--bind` resolved, the port (or the next free one when
//! it is busy), and the URL to print.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use tokio::net::TcpListener;

use super::ServeError;

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 10;

/// The IP address of `--bind` (an IP, or a name such as `localhost`).
pub fn resolve(bind: &str) -> Result<IpAddr, ServeError> {
    if let Ok(ip) = bind.parse::<IpAddr>() {
        return Ok(ip);
    }
    (bind, 0)
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .map(|a| a.ip())
        .ok_or_else(|| ServeError::Address(bind.to_string()))
}

/// Listen on `port`, or on the next free port when it is busy.
pub async fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let tries = if port == 0 { 0 } else { PORT_TRIES };
    for offset in 0..=tries {
        let Some(p) = port.checked_add(offset) else {
            break;
        };
        let addr = SocketAddr::new(ip, p);
        match TcpListener::bind(addr).await {
            Ok(listener) => {
                if offset > 0 {
                    eprintln!("port {port} is busy; using port {p} instead");
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(source) => return Err(ServeError::Bind { addr, source }),
        }
    }
    Err(ServeError::Busy { ip, port, tries })
}

/// `http://127.0.0.1:1111/`; an unspecified address (`0.0.0.0`) is shown
/// as the loopback one, which works on this machine.
pub fn url_of(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}/", addr.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}/", addr.port()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            url_of("127.0.0.1:1111".parse().unwrap()),
            "http://127.0.0.1:1111/"
        );
        assert_eq!(
            url_of("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(url_of("[::1]:1111".parse().unwrap()), "http://[::1]:1111/");
    }

    #[test]
    fn bind_addresses() {
        assert_eq!(resolve("127.0.0.1").unwrap(), IpAddr::from([127, 0, 0, 1]));
        assert!(resolve("::1").unwrap().is_loopback());
        assert!(resolve("localhost").unwrap().is_loopback());
        assert!(matches!(
            resolve("not an address"),
            Err(ServeError::Address(_))
        ));
    }

    #[test]
    fn busy_port_moves_on() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let ip = IpAddr::from([127, 0, 0, 1]);
            let first = bind(ip, 0).await.unwrap();
            let port = first.local_addr().unwrap().port();
            let second = bind(ip, port).await.unwrap();
            assert_ne!(second.local_addr().unwrap().port(), port);
        });
    }
}
