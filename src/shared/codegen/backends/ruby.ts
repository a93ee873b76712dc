/**
 * Ruby, standard library only: Net::HTTP for the call to Qrvey and a small
 * TCPServer loop for the endpoint (WEBrick left the standard library in
 * Ruby 3). In a Rails or Sinatra app, keep request_token and route to it.
 */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { singleQuoted } from '../escape'
import { comment, usageLines } from './header'

export function rubyServer(request: CodeRequest): string {
  return `${comment(usageLines(request, 'ruby server.rb'), '# ')}
require 'json'
require 'net/http'
require 'socket'
require 'uri'

API_KEY = ENV[${singleQuoted(C.apiKeyEnv)}].to_s
abort ${singleQuoted(`Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).`)} if API_KEY.empty?
DOMAIN = (ENV[${singleQuoted(C.domainEnv)}].to_s.empty? ? ${singleQuoted(request.domain)} : ENV[${singleQuoted(C.domainEnv)}]).sub(%r{/+\\z}, '')
PORT = Integer(ENV.fetch(${singleQuoted(C.portEnv)}, ${singleQuoted(String(C.defaultPort))}))

# The token body, exactly as the workbench sent it (JSON text).
BODY = ${singleQuoted(bodyJson(request))}

def request_token
  uri = URI(DOMAIN + ${singleQuoted(C.tokenPath)})
  response = Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == 'https', open_timeout: 10, read_timeout: 15) do |http|
    http.post(uri.path, BODY.encode('UTF-8'), 'x-api-key' => API_KEY, 'Content-Type' => 'application/json')
  end
  raise "Qrvey answered #{response.code}: #{response.body.to_s[0, 500]}" unless response.is_a?(Net::HTTPSuccess)

  token = JSON.parse(response.body)['token']
  raise 'Qrvey answered without a token' unless token.is_a?(String)

  token
end

def reply(client, status, type, data)
  reason = { 200 => 'OK', 404 => 'Not Found', 502 => 'Bad Gateway' }.fetch(status, 'Error')
  client.write("HTTP/1.1 #{status} #{reason}\\r\\nContent-Type: #{type}\\r\\nCache-Control: no-store\\r\\n" \\
               "Content-Length: #{data.bytesize}\\r\\nConnection: close\\r\\n\\r\\n")
  client.write(data)
end

server = TCPServer.new('127.0.0.1', PORT)
puts ${singleQuoted(C.listeningPrefix)} + "http://127.0.0.1:#{server.addr[1]}"
$stdout.flush
loop do
  Thread.new(server.accept) do |client|
    request_line = client.gets.to_s
    nil while (line = client.gets) && line != "\\r\\n"
    path = request_line.split(' ')[1].to_s.split('?').first
    if path == ${singleQuoted(C.endpoint)}
      begin
        reply(client, 200, 'application/json', JSON.generate(token: request_token, domain: DOMAIN))
      rescue StandardError => e
        reply(client, 502, 'application/json', JSON.generate(error: e.message))
      end
    elsif path == '/' && File.file?(File.join(__dir__, 'index.html'))
      reply(client, 200, 'text/html; charset=utf-8', File.binread(File.join(__dir__, 'index.html')))
    else
      reply(client, 404, 'text/plain', 'Not found')
    end
  ensure
    client.close
  end
end
`
}
