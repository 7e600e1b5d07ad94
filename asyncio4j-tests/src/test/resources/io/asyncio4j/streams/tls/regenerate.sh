#!/bin/sh
# Makes the PEM fixtures of TlsContextsTest (run once, committed; valid 100 years so they never
# expire). Every certificate names localhost and 127.0.0.1. Needs OpenSSL 3.
set -eu
cd "$(dirname "$0")"
subj=/CN=localhost
san=subjectAltName=DNS:localhost,IP:127.0.0.1
days=36500

# RSA 2048, self-signed: the key as PKCS#8, as PKCS#1, encrypted PKCS#8 (PBES2/AES-256), legacy encrypted PKCS#1
openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa-key.pem -out rsa-cert.pem -days $days -subj $subj -addext $san
openssl pkey -in rsa-key.pem -traditional -out rsa-pkcs1-key.pem
openssl pkcs8 -topk8 -v2 aes-256-cbc -in rsa-key.pem -passout pass:s3cret -out rsa-encrypted-key.pem
openssl pkey -in rsa-key.pem -traditional -aes256 -passout pass:s3cret -out rsa-legacy-encrypted-key.pem
cat rsa-cert.pem rsa-key.pem > rsa-combined.pem

# EC P-256, self-signed: the key as SEC1 with its EC PARAMETERS block first (openssl ecparam's
# default output), and as PKCS#8
openssl ecparam -name prime256v1 -genkey -out ec-key.pem
openssl req -x509 -key ec-key.pem -out ec-cert.pem -days $days -subj $subj -addext $san
openssl pkey -in ec-key.pem -out ec-pkcs8-key.pem

# Ed25519, self-signed, PKCS#8
openssl genpkey -algorithm ed25519 -out ed25519-key.pem
openssl req -x509 -key ed25519-key.pem -out ed25519-cert.pem -days $days -subj $subj -addext $san

# A CA (EC P-256) and an RSA leaf it signed; leaf-chain.pem is the leaf then the CA
openssl ecparam -name prime256v1 -genkey -noout -out ca-key.pem
openssl req -x509 -key ca-key.pem -out ca-cert.pem -days $days -subj "/CN=asyncio4j test CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -newkey rsa:2048 -nodes -keyout leaf-key.pem -out leaf.csr -subj $subj
openssl x509 -req -in leaf.csr -CA ca-cert.pem -CAkey ca-key.pem -set_serial 2 -days $days -out leaf-cert.pem \
    -extfile /dev/stdin <<EXT
$san
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
EXT
rm leaf.csr
cat leaf-cert.pem ca-cert.pem > leaf-chain.pem
