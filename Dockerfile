# The standalone host (`docpipeline serve`) in a container. Build from the repository root:
#
#   docker build -t docpipeline .
#   docker run -p 8080:8080 -e DOCPIPELINE_API_KEY=<random key of 16+ characters> -v docpipeline-data:/data docpipeline
#
# The image listens on port 8080 on all interfaces, so the host refuses to start (exit code 2, with the reason)
# unless an API key is set: DOCPIPELINE_API_KEY, or DocPipeline__ApiKeys__0, __1… Clients send it as the
# x-functions-key header or ?code=. State (the embedded SQLite store, results, the incoming/ drop folder) lives in
# /data; set AzureWebJobsStorage to use Azure Storage instead.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/DocPipeline.Host/DocPipeline.Host.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The host reads host.json from its content root, which is the working directory.
COPY host.json ./

# $APP_UID is the unprivileged 'app' user the .NET images define; it owns nothing but /data.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DocPipeline__DataPath=/data/.docpipeline \
    Pipeline__ResultsPath=/data/results \
    Pipeline__BlobDrop__Folder=/data/incoming
VOLUME /data
EXPOSE 8080

ENTRYPOINT ["dotnet", "docpipeline.dll"]
CMD ["serve"]
