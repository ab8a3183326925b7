#!/usr/bin/env bash
# Generates the TLS test PKI into DIR (never committed): a CA; a server
# certificate for localhost/127.0.0.1/::1 (IP SANs only for the addresses, so
# IP-literal verification is really exercised); one for another host name;
# one for the address 127.0.0.10 only; an expired one; a self-signed one;
# one from an unknown CA; a client certificate for mutual TLS.
# Usage: tests/tls/pki.sh DIR
set -euo pipefail
d=${1:?usage: pki.sh DIR}
mkdir -p "$d"
cd "$d"
[ "$(cat done 2>/dev/null)" = 2 ] && exit 0 # 2: the set with ip10
ec() { echo "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"; }
openssl req -x509 $(ec) -days 3650 -subj "/CN=mb test CA" -keyout ca.key -out ca.crt \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -x509 $(ec) -days 3650 -subj "/CN=unknown CA" -keyout unknownca.key -out unknownca.crt \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
leaf() { # leaf NAME CA SAN [openssl x509 options...]
    local name=$1 ca=$2 san=$3
    shift 3
    openssl req $(ec) -subj "/CN=$name" -keyout "$name.key" -out "$name.csr" 2>/dev/null
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA "$ca.crt" -CAkey "$ca.key" -CAcreateserial -extfile "$name.ext" \
        -out "$name.crt" "$@" 2>/dev/null
}
leaf server ca "DNS:localhost,IP:127.0.0.1,IP:::1" -days 825
leaf otherhost ca "DNS:other.example" -days 825
leaf ip10 ca "IP:127.0.0.10" -days 825
leaf untrusted unknownca "DNS:localhost,IP:127.0.0.1" -days 825
leaf client ca "DNS:mb-device-1" -days 825
# expired: signed by the CA with validity entirely in the past (openssl ca sets the dates)
mkdir -p ca.db && : > ca.db/index.txt && echo 1000 > ca.db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = c
[c]
dir = ca.db
database = ca.db/index.txt
serial = ca.db/serial
new_certs_dir = ca.db
default_md = sha256
policy = p
copy_extensions = none
[p]
commonName = supplied
[ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
CNF
openssl req $(ec) -subj "/CN=expired" -keyout expired.key -out expired.csr 2>/dev/null
openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in expired.csr -out expired.crt -notext \
    -startdate 20200101000000Z -enddate 20200201000000Z -extensions ext 2>/dev/null
openssl req -x509 $(ec) -days 825 -subj "/CN=localhost" -keyout selfsigned.key -out selfsigned.crt \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
openssl x509 -in ca.crt -outform DER -out ca.der
openssl verify -CAfile ca.crt server.crt otherhost.crt client.crt >/dev/null
echo 2 > done
