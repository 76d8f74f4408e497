package org.lemongate.testsupport.webapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers {@code GET /parameter?name=N} with the servlet context parameter N, or 404 when it is not set. */
@WebServlet("/parameter")
public class ContextParameterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String value = getServletContext().getInitParameter(request.getParameter("name"));
        if (value == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(value);
    }
}
